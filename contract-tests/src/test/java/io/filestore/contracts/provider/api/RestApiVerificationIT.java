package io.filestore.contracts.provider.api;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.adapters.dynamodb.FileTable;
import io.filestore.contracts.Pacticipants;
import io.filestore.emulators.Emulators;
import io.filestore.local.LocalStack;
import io.filestore.local.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The REST API verifies every consumer's pact over HTTP, against the local stack: the API Gateway
 * emulation (API keys enforced, request validation, gateway responses), the real API function, S3Proxy
 * and DynamoDB Local. The contract's keys are registered in the stack's api-keys.json, never bypassed;
 * provider states create real files, collections and members through the API and inject their ids, the
 * principals and the cursors. The contract's administrator key is the stack's own (the first of
 * api-keys.json), whose principal the stack alone lists in its admin-principals setting when it seeds the
 * settings on its first start: the API function's real check, with nobody else an administrator.
 */
@Provider(Pacticipants.API)
@PactFolder("${pact.dir}")
class RestApiVerificationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A user-pool principal no key has: a member of a collection who never calls. */
  private static final String OTHER_USER = "user:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static LocalStack stack;
  private static LocalApi alice;
  private static LocalApi bob;
  private static LocalApi admin;
  private static DynamoDbClient dynamo;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("filestore-contract-");
    JsonNode contract = JSON.readTree(Path.of("contract.json").toFile());
    ObjectNode keys = JSON.createObjectNode();
    ArrayNode list = keys.putArray("keys");
    String administrator = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = contract.path("apiKeys").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> key = it.next();
      ObjectNode entry = ((ObjectNode) key.getValue().deepCopy()).put("name", key.getKey());
      if (entry.remove("administrator") != null && entry.path("value").isTextual()) {
        if (administrator != null) {
          throw new IllegalStateException("contract.json marks more than one administrator key");
        }
        administrator = entry.path("value").asText();
        // The stack's own key is the first of the file: the only principal its admin-principals lists.
        list.insert(0, entry);
      } else {
        list.add(entry);
      }
    }
    if (administrator == null) {
      throw new IllegalStateException("contract.json marks no administrator key");
    }
    Files.writeString(data.resolve("api-keys.json"), keys.toPrettyString());
    port = Ports.freeTriple();
    stack = new LocalStack(LocalStack.Options.parse(new String[] {"--root", Path.of("..").toAbsolutePath().normalize().toString(),
        "--data", data.toString(), "--port", String.valueOf(port), "--expire-every", "1h", "--web", data.resolve("no-web").toString()}));
    stack.start();
    alice = new LocalApi(stack.apiUrl(), contract.path("apiKeys").path("alice").path("value").asText());
    bob = new LocalApi(stack.apiUrl(), contract.path("apiKeys").path("bob").path("value").asText());
    admin = new LocalApi(stack.apiUrl(), administrator);
    // The administrator is the one the stack lists, and no one else is: checked through the API itself.
    if (!stack.apiKey().equals(administrator)) {
      throw new IllegalStateException("the stack's own key is not the contract's administrator key");
    }
    admin.processing();
    for (LocalApi caller : new LocalApi[] {alice, bob}) {
      int status = caller.statusOf("GET", "/admin/processing");
      if (status != 403) {
        throw new IllegalStateException(caller.principal() + " must be no administrator, but GET /admin/processing answered " + status);
      }
    }
    JsonNode facts = JSON.readTree(data.resolve("local.json").toFile());
    dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(URI.create(facts.path("dynamodbEndpoint").asText())).region(Region.of(Emulators.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
        .build();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    stack.close();
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void verify(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(new HttpTestTarget("127.0.0.1", port));
  }

  @State("a pending file of alice")
  public Map<String, Object> pendingFile() throws Exception {
    return Map.of("id", alice.create("draft.txt", "text/plain", LocalApi.bytes(64)).id());
  }

  @State("an uploaded file of alice")
  public Map<String, Object> uploadedFile() throws Exception {
    return Map.of("id", alice.uploaded("scan.pdf", "application/pdf", LocalApi.bytes(2048)));
  }

  @State("a stored file of alice")
  public Map<String, Object> storedFile() throws Exception {
    return Map.of("id", alice.stored("photo.jpg", "image/jpeg", LocalApi.bytes(4096)));
  }

  @State("a file of bob")
  public Map<String, Object> bobsFile() throws Exception {
    return Map.of("id", bob.stored("bobs.txt", "text/plain", LocalApi.bytes(32)));
  }

  @State("alice has files in every live state")
  public void everyLiveState() throws Exception {
    alice.create("pending.txt", "text/plain", LocalApi.bytes(16));
    alice.uploaded("uploaded.txt", "text/plain", LocalApi.bytes(16));
    alice.stored("stored.txt", "text/plain", LocalApi.bytes(16));
  }

  @State("alice has more files than one page")
  public Map<String, Object> morePages() throws Exception {
    for (int i = 0; i < 3; i++) {
      alice.create("page-" + i + ".txt", "text/plain", LocalApi.bytes(8));
    }
    return Map.of("cursor", alice.nextCursor(2));
  }

  @State("a collection of alice")
  public Map<String, Object> aliceCollection() throws Exception {
    ObjectNode request = JSON.createObjectNode().put("name", "Summer party 2026");
    request.putObject("policy").put("maxSize", 10485760).putArray("allowedContentTypes").add("image/jpeg").add("image/png");
    request.putObject("defaultMetadata").put("event", "summer-party-2026");
    JsonNode created = alice.createCollection(request);
    String cid = created.path("id").asText();
    alice.putMember(cid, bob.principal(), "viewer");
    return Map.of("cid", cid, "creator", created.path("createdBy").asText(), "principal", bob.principal());
  }

  @State("a collection of bob")
  public Map<String, Object> bobsCollection() throws Exception {
    String cid = bob.createCollection("Bob's case");
    String id = bob.uploadedIn(cid, "evidence.txt", "text/plain", LocalApi.bytes(32));
    return Map.of("cid", cid, "id", id, "principal", alice.principal());
  }

  @State("a collection of bob in which alice is a viewer")
  public Map<String, Object> viewerCollection() throws Exception {
    String cid = bob.createCollection("Bob's photos");
    bob.putMember(cid, alice.principal(), "viewer");
    return Map.of("cid", cid, "id", bob.uploadedIn(cid, "pier.jpg", "image/jpeg", LocalApi.bytes(256)));
  }

  @State("a collection of bob in which alice is a contributor")
  public Map<String, Object> contributorCollection() throws Exception {
    String cid = bob.createCollection("Bob's project");
    bob.putMember(cid, alice.principal(), "contributor");
    bob.putMember(cid, OTHER_USER, "viewer");
    String bobs = bob.uploadedIn(cid, "plan.txt", "text/plain", LocalApi.bytes(64));
    String own = alice.uploadedIn(cid, "draft.txt", "text/plain", LocalApi.bytes(64));
    return Map.of("cid", cid, "id", bobs, "own", own, "principal", OTHER_USER);
  }

  @State("a collection of alice with files of alice and bob")
  public Map<String, Object> collectionWithFiles() throws Exception {
    String cid = alice.createCollection("Team drive");
    alice.putMember(cid, bob.principal(), "contributor");
    // One after another, so that newest first is: alice's stored file, bob's upload, alice's pending one.
    alice.createIn(cid, "pending.txt", "text/plain", LocalApi.bytes(16));
    Thread.sleep(10);
    String bobs = bob.uploadedIn(cid, "uploaded.txt", "text/plain", LocalApi.bytes(16));
    Thread.sleep(10);
    alice.storedIn(cid, "stored.txt", "text/plain", LocalApi.bytes(16));
    return Map.of("cid", cid, "id", bobs, "cursor", alice.nextCursor("/collections/" + cid + "/files", 2));
  }

  @State("alice is a member of collections in every role")
  public Map<String, Object> everyRole() throws Exception {
    // Joined one after another: the listing (most recently joined first) shows owner, contributor, viewer.
    bob.putMember(bob.createCollection("Bob's archive"), alice.principal(), "viewer");
    Thread.sleep(10);
    bob.putMember(bob.createCollection("Bob's team"), alice.principal(), "contributor");
    Thread.sleep(10);
    alice.createCollection("Alice's own");
    return Map.of("cursor", alice.nextCursor("/collections", 2));
  }

  @State("an uploaded file of alice whose job succeeded")
  public Map<String, Object> succeededJob() throws Exception {
    admin.receiver("{\"answer\":\"200\"}");
    String id = alice.uploaded("invoice.pdf", "application/pdf", LocalApi.bytes(1024));
    JsonNode history = alice.awaitJob(id, "SUCCEEDED");
    if (history.path("job").path("attempt").asInt() != 1) {
      throw new IllegalStateException("the job of " + id + " did not succeed at its first attempt: " + history);
    }
    return Map.of("id", id);
  }

  @State("an uploaded file of alice whose job is running")
  public Map<String, Object> runningJob() throws Exception {
    // No job of an earlier state may take the held answer meant for this file's; then the endpoint holds
    // the next call past the attempt's timeout (10 s locally), so the attempt stays in flight meanwhile.
    admin.awaitIdle(20);
    admin.receiver("{\"answer\":\"timeout\",\"times\":1,\"holdSeconds\":30}");
    String id = alice.uploaded("held.pdf", "application/pdf", LocalApi.bytes(1024));
    alice.awaitJob(id, "RUNNING");
    return Map.of("id", id);
  }

  @State(value = "an uploaded file of alice whose job is running", action = StateChangeAction.TEARDOWN)
  public void runningJobDone() throws Exception {
    admin.receiver("{\"answer\":\"200\"}");
  }

  @State("the file table is unavailable")
  public void tableGone() {
    dynamo.deleteTable(b -> b.tableName(LocalApi.NAME));
    dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(LocalApi.NAME));
  }

  @State(value = "the file table is unavailable", action = StateChangeAction.TEARDOWN)
  public void tableBack() {
    dynamo.createTable(FileTable.createTableRequest(LocalApi.NAME));
    dynamo.waiter().waitUntilTableExists(b -> b.tableName(LocalApi.NAME));
    dynamo.updateTimeToLive(b -> b.tableName(LocalApi.NAME)
        .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(FileTable.TTL).enabled(true).build()));
  }
}
