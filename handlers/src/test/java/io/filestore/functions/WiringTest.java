package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.adapters.dynamodb.FileTable;
import io.filestore.domain.ObjectKeys;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * wiring/filestore.json is what Terraform and the local stack deploy. This holds the code to it: the
 * classes and their event types, the variables each function reads, the key prefix, the table layout,
 * and the IAM permissions, compared with the AWS calls each function really makes.
 */
@ExtendWith(LocalAws.class)
class WiringTest {
  /** The upload ticket is signed on a worker thread (overlapping the insert), where no recording is active. */
  private static final Set<String> PRESIGNED_BY_API = Set.of("s3:PutObject on objects");

  static JsonNode wiring() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    return Api.JSON.readTree(Files.readString(root.resolve("wiring/filestore.json"), StandardCharsets.UTF_8));
  }

  @Test
  void classesAndEventTypes() throws Exception {
    for (var fn : iterable(wiring().path("functions").fields())) {
      Class<?> type = Class.forName(fn.getValue().path("class").asText());
      Type handler = null;
      for (Type t : type.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          handler = p.getActualTypeArguments()[0] instanceof ParameterizedType input ? input.getRawType() : p.getActualTypeArguments()[0];
        }
      }
      assertEquals(fn.getValue().path("input").asText(), handler == null ? null : handler.getTypeName(), fn.getKey());
      type.getConstructor();
      type.getConstructor(Map.class);
    }
  }

  @Test
  void environmentVariables() throws Exception {
    JsonNode wiring = wiring();
    Set<String> runtime = new TreeSet<>();
    wiring.path("runtimeEnvironment").forEach(v -> runtime.add(v.asText()));
    LocalAws.Space space = LocalAws.newSpace(Map.of());
    for (var fn : iterable(wiring.path("functions").fields())) {
      Set<String> read = new TreeSet<>();
      Map<String, String> env = new HashMap<>(space.env()) {
        @Override
        public String get(Object key) {
          read.add((String) key);
          return super.get(key);
        }
      };
      Class.forName(fn.getValue().path("class").asText()).getConstructor(Map.class).newInstance(env);
      Set<String> declared = new TreeSet<>();
      fn.getValue().path("environment").forEach(v -> declared.add(v.asText()));
      Set<String> app = read.stream().filter(n -> !runtime.contains(n)).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(declared, app, fn.getKey() + " reads exactly the variables the wiring gives it");
    }
  }

  @Test
  void keyPrefixAndTable() throws Exception {
    JsonNode wiring = wiring();
    assertEquals(ObjectKeys.PREFIX, wiring.path("keyPrefix").asText());
    JsonNode table = wiring.path("table");
    CreateTableRequest request = FileTable.createTableRequest("t");
    assertEquals(table.path("hashKey").asText(), key(request.keySchema(), KeyType.HASH));
    assertEquals(table.path("rangeKey").asText(), key(request.keySchema(), KeyType.RANGE));
    assertEquals(FileTable.TTL, table.path("ttlAttribute").asText());
    assertEquals(table.path("indexes").size(), request.globalSecondaryIndexes().size());
    for (JsonNode index : table.path("indexes")) {
      var gsi = request.globalSecondaryIndexes().stream().filter(g -> g.indexName().equals(index.path("name").asText()))
          .findFirst().orElseThrow(() -> new AssertionError("no index " + index));
      assertEquals(index.path("hashKey").asText(), key(gsi.keySchema(), KeyType.HASH));
      assertEquals(index.path("rangeKey").asText(), key(gsi.keySchema(), KeyType.RANGE));
    }
  }

  /** Every path of every function runs here; the calls it makes must be exactly what its role allows. */
  @Test
  void permissionsAreExactlyTheCallsMade() throws Exception {
    Functions f = Functions.deploy(Functions.settings("UPLOAD_URL_TTL_SECONDS", "60", "UNSTORED_FILE_TTL_SECONDS", "300"));
    JsonNode b = SdkCallRecorder.as("api", () -> {
      JsonNode a = f.api.post("/files", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":1}").json();
      JsonNode second = f.api.post("/files", "{\"name\":\"b.txt\",\"contentType\":\"text/plain\",\"size\":1}").json();
      assertEquals(200, Http.upload(a.path("upload"), new byte[] {1}).statusCode());
      assertEquals(200, Http.upload(second.path("upload"), new byte[] {1}).statusCode());
      return second;
    });
    SdkCallRecorder.as("object-created", () -> {
      f.deliverNext();
      f.deliverNext();
      return null;
    });
    String id = SdkCallRecorder.as("api", () -> {
      JsonNode list = f.api.get("/files").json().path("items");
      String first = list.path(0).path("id").asText();
      f.api.post("/files/" + first + "/store", null);
      f.api.get("/files/" + first + "/download");
      f.api.get("/files/" + first);
      f.api.delete("/files/" + first);
      return list.path(1).path("id").asText();
    });
    SdkCallRecorder.as("object-removed", f::deliverNext);
    // Collections: create, read, list, members (another's and one's own), an upload and its listing.
    SdkCallRecorder.as("api", () -> {
      Api bob = f.api.as(Functions.OTHER_KEY);
      String cid = f.api.post("/collections", "{\"name\":\"c\"}").json().path("id").asText();
      f.api.put("/collections/" + cid + "/members/" + bob.principal(), "{\"role\":\"owner\"}");
      f.api.get("/collections/" + cid);
      f.api.get("/collections");
      JsonNode upload = f.api.post("/collections/" + cid + "/files",
          "{\"name\":\"p.png\",\"contentType\":\"image/png\",\"size\":1,\"title\":\"t\"}").json();
      assertEquals(200, Http.upload(upload.path("upload"), new byte[] {1}).statusCode());
      f.api.get("/collections/" + cid + "/files");
      bob.delete("/collections/" + cid + "/members/" + bob.principal());
      return f.api.put("/collections/" + cid + "/members/" + bob.principal(), "{\"role\":\"viewer\"}");
    });
    JsonNode uploaded = SdkCallRecorder.as("object-created", f::deliverNext).path("results").path(0);
    assertEquals("UPLOADED", uploaded.path("outcome").asText());
    // Stored, so that the sweep below has only the other file to expire.
    assertEquals(200, f.api.post("/files/" + uploaded.path("fileId").asText() + "/store", null).status());
    SdkCallRecorder.as("expire", () -> f.expire(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)), """
        {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
         "time":"2026-11-24T09:00:00Z","region":"us-east-1","resources":[],"detail":{}}"""));
    assertEquals("EXPIRED", f.api.get("/files/" + id).json().path("state").asText());
    SdkCallRecorder.as("object-removed", f::deliverNext);
    // Replaying the deleted file's ticket exercises the creation handler's delete.
    assertEquals(200, Http.upload(b.path("upload"), new byte[] {1}).statusCode());
    assertEquals("OBJECT_DELETED", SdkCallRecorder.as("object-created", f::deliverNext).path("results").path(0).path("outcome").asText());

    // Processing: the process function runs as the object-created function's uploads landed (recorded as
    // "process" by LocalAws); an administrator's reads and a reprocess; a retry run over a failed job.
    LocalAws.setting(f.space.bucket(), "admin-principals", f.api.principal());
    LocalAws.receiver().answer(io.filestore.emulators.ProcessingReceiver.Answer.SERVER_ERROR, 1);
    String processed = SdkCallRecorder.as("api", () -> {
      JsonNode started = f.api.post("/files", "{\"name\":\"p.txt\",\"contentType\":\"text/plain\",\"size\":1}").json();
      assertEquals(200, Http.upload(started.path("upload"), new byte[] {1}).statusCode());
      return started.path("file").path("id").asText();
    });
    // The replayed upload's object was deleted again, so its removal event comes first.
    String event;
    while (!(event = f.space.nextEvent()).contains(processed)) {
      String removal = event;
      SdkCallRecorder.as(removal.contains("ObjectRemoved") ? "object-removed" : "object-created", () -> f.deliver(removal));
    }
    String landed = event;
    assertEquals("UPLOADED", SdkCallRecorder.as("object-created", () -> f.deliver(landed)).path("results").path(0).path("outcome").asText());
    assertTrue(LocalAws.services().lambda().awaitIdle(Duration.ofSeconds(30)));
    SdkCallRecorder.as("retry", () -> Lambda.invoke(new RetryFunction(new io.filestore.config.Env(f.space.env()),
        new Backends(new io.filestore.config.Env(f.space.env())), new JsonLog("retry", System.out),
        Clock.offset(Clock.systemUTC(), Duration.ofDays(1)), new java.util.Random()), com.amazonaws.services.lambda.runtime.events.ScheduledEvent.class,
        RetryReport.class, """
        {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
         "time":"2026-11-24T09:00:00Z","region":"us-east-1","resources":[],"detail":{}}"""));
    SdkCallRecorder.as("api", () -> {
      assertEquals(200, f.api.get("/admin/processing").status());
      assertEquals(200, f.api.put("/admin/processing", "{\"enabled\":true}").status());
      Api.Response reprocessed = f.api.post("/admin/files/" + processed + "/reprocess", null);
      assertEquals(202, reprocessed.status(), reprocessed::toString);
      return f.api.get("/files/" + processed + "/jobs");
    });
    assertTrue(LocalAws.services().lambda().awaitIdle(Duration.ofSeconds(30)));

    for (var fn : iterable(wiring().path("functions").fields())) {
      Set<String> declared = new TreeSet<>();
      for (JsonNode p : fn.getValue().path("permissions")) {
        // SSM, SNS, Lambda and KMS are called with signed requests, not SDK clients, so no interceptor sees
        // them; the Terraform check holds those grants to the settings, the topic and the invoke triggers.
        p.path("actions").forEach(a -> {
          if (a.asText().startsWith("dynamodb:") || a.asText().startsWith("s3:")) {
            declared.add(a.asText() + " on " + p.path("resource").asText());
          }
        });
      }
      Set<String> made = new TreeSet<>(SdkCallRecorder.calls(fn.getKey()));
      if (fn.getKey().equals("api")) {
        made.addAll(PRESIGNED_BY_API);
      }
      assertEquals(declared, made, fn.getKey() + ": the role allows exactly the SDK calls the function makes");
    }
  }

  private static String key(java.util.List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> schema, KeyType type) {
    return schema.stream().filter(k -> k.keyType() == type).findFirst().orElseThrow().attributeName();
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }

}
