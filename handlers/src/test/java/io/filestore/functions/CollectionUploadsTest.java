package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploads into collections against the emulators: the policy refuses before any URL exists, the
 * metadata and the collection id are signed so that S3 refuses changes, the S3-triggered function
 * checks them again, and a collection lists newest first across pages.
 */
@ExtendWith(LocalAws.class)
class CollectionUploadsTest {

  private static String collection(Api api, String body) {
    Api.Response created = api.post("/collections", body);
    assertEquals(201, created.status(), created::toString);
    return created.json().path("id").asText();
  }

  @Test
  void thePolicyRefusesATypeOrSizeBeforeAnyUrlIsIssued() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, """
        {"name": "Photos", "policy": {"allowedContentTypes": ["image/jpeg", "image/png", "image/webp"], "maxSize": 100}}""");

    Api.Response pdf = f.api.post("/collections/" + cid + "/files", "{\"name\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":10}");
    assertEquals(400, pdf.status(), pdf::toString);
    assertEquals("invalid-request", pdf.problemType());
    assertEquals(List.of("image/jpeg", "image/png", "image/webp"), CollectionAccessTest.strings(pdf.json().path("allowedContentTypes")));
    assertEquals("contentType", pdf.json().path("errors").path(0).path("field").asText());
    assertTrue(pdf.json().path("upload").isMissingNode());

    Api.Response big = f.api.post("/collections/" + cid + "/files", "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":101}");
    assertEquals(400, big.status(), big::toString);
    assertEquals("size", big.json().path("errors").path(0).path("field").asText());

    // Neither left a record behind.
    assertEquals(0, f.api.get("/collections/" + cid + "/files").json().path("items").size());
    assertEquals(201, f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":100}").status());
  }

  @Test
  void aCollectionCannotAllowMoreThanTheDeployment() {
    Functions f = Functions.deploy(Functions.settings("ALLOWED_CONTENT_TYPES", "image/png,image/jpeg", "MAX_FILE_SIZE_BYTES", "5000"));
    Api.Response family = f.api.post("/collections", "{\"name\":\"c\",\"policy\":{\"allowedContentTypes\":[\"image/*\"]}}");
    assertEquals(400, family.status(), family::toString);
    assertEquals("policy.allowedContentTypes[0]", family.json().path("errors").path(0).path("field").asText());
    Api.Response size = f.api.post("/collections", "{\"name\":\"c\",\"policy\":{\"maxSize\":5001}}");
    assertEquals("policy.maxSize", size.json().path("errors").path(0).path("field").asText());
    // Without a policy, a collection shows the deployment's.
    String cid = collection(f.api, "{\"name\":\"c\"}");
    JsonNode policy = f.api.get("/collections/" + cid).json().path("policy");
    assertEquals(List.of("image/png", "image/jpeg"), CollectionAccessTest.strings(policy.path("allowedContentTypes")));
    assertEquals(5000, policy.path("maxSize").asLong());
  }

  @Test
  void metadataAndTheCollectionAreSignedAndReadBack() throws Exception {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"Trip\",\"defaultMetadata\":{\"event\":\"trip-2026\",\"camera\":\"unknown\"}}");
    Api.Response started = f.api.post("/collections/" + cid + "/files", """
        {"name": "pier.jpg", "contentType": "image/jpeg", "size": 4, "title": "Jetée", "description": "Vue depuis la jetée",
         "metadata": {"camera": "X100V"}}""");
    assertEquals(201, started.status(), started::toString);
    JsonNode file = started.json().path("file");
    assertEquals(Map.of("title", "Jetée", "description", "Vue depuis la jetée", "camera", "X100V", "event", "trip-2026"),
        Api.JSON.convertValue(file.path("metadata"), Map.class));
    assertEquals(cid, file.path("collectionId").asText());
    JsonNode ticket = started.json().path("upload");
    assertEquals(cid, ticket.path("headers").path("x-amz-meta-filestore-collection").asText());
    assertTrue(ticket.path("url").asText().contains("/uploads/" + cid + "/" + file.path("id").asText()), ticket.toString());

    assertEquals(200, Http.upload(ticket, new byte[] {1, 2, 3, 4}).statusCode());
    JsonNode report = f.deliverNext();
    assertEquals("UPLOADED", report.path("results").path(0).path("outcome").asText(), report.toString());
    var head = LocalAws.s3().headObject(b -> b.bucket(f.space.bucket()).key("uploads/" + cid + "/" + file.path("id").asText()));
    assertEquals(cid, head.metadata().get("filestore-collection"));
    JsonNode info = f.api.get("/files/" + file.path("id").asText()).json();
    assertEquals("UPLOADED", info.path("state").asText());
    assertEquals("Vue depuis la jetée", info.path("metadata").path("description").asText());
  }

  @Test
  void s3RefusesAnUploadWhoseSignedMetadataWasChanged() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"c\"}");
    JsonNode ticket = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":2,\"title\":\"Mine\"}").json().path("upload");

    HttpResponse<String> retitled = Http.upload(ticket, new byte[] {1, 2}, r -> r.setHeader("x-amz-meta-title", "Theirs"));
    assertEquals(403, retitled.statusCode(), retitled.body());
    HttpResponse<String> moved = Http.upload(ticket, new byte[] {1, 2},
        r -> r.setHeader("x-amz-meta-filestore-collection", "0123456789abcdef0123456789abcdef"));
    assertEquals(403, moved.statusCode(), moved.body());
    assertTrue(f.space.events().isEmpty(), "S3 stored nothing, so it sent nothing");
    assertEquals(200, Http.upload(ticket, new byte[] {1, 2}).statusCode(), "the untouched ticket still works");
  }

  @Test
  void anObjectWhoseMetadataDiffersFromThePendingRecordIsIgnoredAndRemoved() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"c\"}");
    JsonNode file = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":2,\"title\":\"Mine\"}").json().path("file");
    String id = file.path("id").asText();
    String key = "uploads/" + cid + "/" + id;
    // Written around the ticket (by someone with bucket access): right size and type, no signed metadata.
    LocalAws.s3().putObject(b -> b.bucket(f.space.bucket()).key(key).contentType("image/png")
        .metadata(Map.of("title", "Theirs")), RequestBody.fromBytes(new byte[] {1, 2}));
    JsonNode report = f.deliverNext();
    assertEquals("METADATA_MISMATCH", report.path("results").path(0).path("outcome").asText(), report.toString());
    assertEquals("PENDING", f.api.get("/files/" + id).json().path("state").asText());
    try {
      LocalAws.s3().headObject(b -> b.bucket(f.space.bucket()).key(key));
      throw new AssertionError("the object should be gone");
    } catch (NoSuchKeyException expected) {
      // removed
    }
  }

  @Test
  void anObjectUnderAnotherCollectionsPrefixIsNotTheFile() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"c\"}");
    String id = f.api.post("/collections/" + cid + "/files", "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":2}")
        .json().path("file").path("id").asText();
    String elsewhere = "uploads/0123456789abcdef0123456789abcdef/" + id;
    LocalAws.s3().putObject(b -> b.bucket(f.space.bucket()).key(elsewhere).contentType("image/png"), RequestBody.fromBytes(new byte[2]));
    assertEquals("UNKNOWN_KEY", f.deliverNext().path("results").path(0).path("outcome").asText());
    assertEquals("PENDING", f.api.get("/files/" + id).json().path("state").asText());
  }

  @Test
  void metadataRules() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"c\"}");
    Api.Response twice = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,\"title\":\"t\",\"metadata\":{\"title\":\"u\"}}");
    assertEquals(400, twice.status(), twice::toString);
    assertEquals("metadata.title", twice.json().path("errors").path(0).path("field").asText());
    Api.Response reserved = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,\"metadata\":{\"filestore-collection\":\"x\"}}");
    assertEquals(400, reserved.status(), reserved::toString);
    assertEquals(400, f.api.post("/files", "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,"
        + "\"metadata\":{\"filestore-owner\":\"x\"}}").status(), "reserved in any upload");
    Api.Response longDescription = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,\"description\":\"" + "d".repeat(1000) + "\"}");
    assertEquals(201, longDescription.status(), longDescription::toString);
    Api.Response tooLong = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,\"description\":\"" + "d".repeat(1025) + "\"}");
    assertEquals(400, tooLong.status(), tooLong::toString);
  }

  @Test
  void aCollectionListsNewestFirstAcross250Files() {
    Functions f = Functions.deploy();
    String cid = collection(f.api, "{\"name\":\"Big event\"}");
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 250; i++) {
      Api.Response r = f.api.post("/collections/" + cid + "/files",
          "{\"name\":\"p" + i + ".png\",\"contentType\":\"image/png\",\"size\":1,\"title\":\"Photo " + i + "\"}");
      assertEquals(201, r.status(), r::toString);
      created.add(r.json().path("file").path("id").asText());
    }
    // A file of the caller outside the collection is not in it.
    f.api.post("/files", "{\"name\":\"own.png\",\"contentType\":\"image/png\",\"size\":1}");

    List<JsonNode> all = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, String> query = cursor == null ? Map.of("limit", "100") : Map.of("limit", "100", "cursor", cursor);
      JsonNode page = f.api.get("/collections/" + cid + "/files", query).json();
      pageSizes.add(page.path("items").size());
      page.path("items").forEach(all::add);
      cursor = page.path("nextCursor").isMissingNode() ? null : page.path("nextCursor").asText();
    } while (cursor != null && pageSizes.size() < 10);

    assertEquals(List.of(100, 100, 50), pageSizes);
    Set<String> listed = new HashSet<>();
    all.forEach(file -> listed.add(file.path("id").asText()));
    assertEquals(created, listed, "every file once, none twice, nothing else");
    for (int i = 1; i < all.size(); i++) {
      Instant newer = Instant.parse(all.get(i - 1).path("createdAt").asText());
      Instant older = Instant.parse(all.get(i).path("createdAt").asText());
      assertFalse(older.isAfter(newer), "newest first at " + i);
    }
    assertEquals("Photo 249", all.get(0).path("metadata").path("title").asText());

    Api.Response foreignCursor = f.api.as(Functions.OTHER_KEY).get("/collections/" + cid + "/files");
    assertEquals(404, foreignCursor.status(), "a non-member cannot list");
    assertEquals(400, f.api.get("/collections/" + cid + "/files", Map.of("cursor", "bm90IG91cnM")).status());
  }

  @Test
  void myCollectionsListMostRecentlyJoinedFirstAcrossPages() {
    Functions f = Functions.deploy();
    Api alice = f.api.asUser("alice");
    Api bob = f.api.asUser("bob");
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String cid = collection(bob, "{\"name\":\"Bob's " + i + "\"}");
      assertEquals(200, bob.put("/collections/" + cid + "/members/user:alice", "{\"role\":\"viewer\"}").status());
      joined.add(0, cid);
    }
    String own = collection(alice, "{\"name\":\"Alice's\"}");
    joined.add(0, own);

    JsonNode first = alice.get("/collections", Map.of("limit", "4")).json();
    JsonNode second = alice.get("/collections", Map.of("limit", "4", "cursor", first.path("nextCursor").asText())).json();
    List<String> listed = new ArrayList<>(CollectionAccessTest.strings(first.path("items")));
    listed.addAll(CollectionAccessTest.strings(second.path("items")));
    assertEquals(joined, listed);
    assertTrue(second.path("nextCursor").isMissingNode());
    assertEquals("owner", first.path("items").path(0).path("role").asText());
    assertEquals("viewer", first.path("items").path(1).path("role").asText());
    assertEquals(5, bob.get("/collections").json().path("items").size());
  }

  @Test
  void withoutAnAuthorizerTheApiKeyIsThePrincipal() {
    Functions f = Functions.deploy();
    JsonNode c = f.api.post("/collections", "{\"name\":\"Keys\"}").json();
    assertEquals(f.api.principal(), c.path("createdBy").asText());
    assertTrue(c.path("createdBy").asText().matches("key:[0-9a-f]{32}"));
    Api other = f.api.as(Functions.OTHER_KEY);
    assertEquals(404, other.get("/collections/" + c.path("id").asText()).status());
    assertEquals(200, f.api.put("/collections/" + c.path("id").asText() + "/members/" + other.principal(),
        "{\"role\":\"viewer\"}").status());
    assertEquals("viewer", other.get("/collections/" + c.path("id").asText()).json().path("role").asText());
    assertNull(f.api.asUser("alice").get("/collections/" + c.path("id").asText()).json().path("role").textValue(),
        "a user of the same app is another principal");
  }
}
