package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every client error of every operation answers 4xx with an application/problem+json body that says
 * what is wrong (and which field); none causes a 5xx or writes anything.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
  private Functions f;
  private String pendingId;
  private String uploadedId;

  @BeforeAll
  void deploy() {
    f = Functions.deploy();
    pendingId = f.api.post("/files", "{\"name\":\"p.txt\",\"contentType\":\"text/plain\",\"size\":3}").json().path("file").path("id").asText();
    JsonNode created = f.api.post("/files", "{\"name\":\"u.txt\",\"contentType\":\"text/plain\",\"size\":3}").json();
    uploadedId = created.path("file").path("id").asText();
    assertEquals(200, Http.upload(created.path("upload"), "abc".getBytes()).statusCode());
    f.deliverNext();
  }

  private static void assertProblem(Api.Response r, int status, String type, String field) {
    assertEquals(status, r.status(), r::toString);
    assertEquals("application/problem+json", r.headers().get("Content-Type"), r::toString);
    assertEquals("*", r.headers().get("Access-Control-Allow-Origin"));
    JsonNode p = r.json();
    assertEquals(type, r.problemType(), r::toString);
    assertEquals(status, p.path("status").asInt());
    assertTrue(p.path("title").isTextual() && p.path("detail").isTextual(), r::toString);
    assertTrue(p.path("requestId").isTextual(), "quotable request id");
    if (field != null) {
      assertEquals(field, p.path("errors").path(0).path("field").asText(), r::toString);
      assertTrue(p.path("errors").path(0).path("message").asText().length() > 3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing body                |                                                                        | body
      blank body                  | '   '                                                                  | body
      not JSON                    | name=a.txt                                                             | body
      truncated JSON              | '{"name":"a.txt",'                                                     | body
      a JSON array                | '[1,2]'                                                                | body
      trailing content            | '{"name":"a.txt","contentType":"text/plain","size":1} {}'              | body
      missing name                | '{"contentType":"text/plain","size":1}'                                | name
      empty name                  | '{"name":"","contentType":"text/plain","size":1}'                      | name
      name too long               | '{"name":"%s","contentType":"text/plain","size":1}'                    | name
      control character in name   | '{"name":"a\\u0007b.txt","contentType":"text/plain","size":1}'         | name
      name is a number            | '{"name":42,"contentType":"text/plain","size":1}'                      | name
      missing contentType         | '{"name":"a.txt","size":1}'                                            | contentType
      malformed contentType       | '{"name":"a.txt","contentType":"text plain","size":1}'                 | contentType
      disallowed contentType      | '{"name":"a.exe","contentType":"application/x-msdownload","size":1}'   | contentType
      missing size                | '{"name":"a.txt","contentType":"text/plain"}'                          | size
      negative size               | '{"name":"a.txt","contentType":"text/plain","size":-1}'                | size
      size over the deployment max| '{"name":"a.txt","contentType":"text/plain","size":10485761}'          | size
      size over 5 GiB             | '{"name":"a.txt","contentType":"text/plain","size":5368709121}'        | size
      size not an integer         | '{"name":"a.txt","contentType":"text/plain","size":1.5}'               | size
      size as a string            | '{"name":"a.txt","contentType":"text/plain","size":"1"}'               | size
      huge size                   | '{"name":"a.txt","contentType":"text/plain","size":99999999999999999999999}' | size
      unknown field               | '{"name":"a.txt","contentType":"text/plain","size":1,"owner":"x"}'     | owner
      metadata not an object      | '{"name":"a.txt","contentType":"text/plain","size":1,"metadata":[]}'   | metadata
      metadata value not a string | '{"name":"a.txt","contentType":"text/plain","size":1,"metadata":{"a":1}}' | metadata.a
      metadata key uppercase      | '{"name":"a.txt","contentType":"text/plain","size":1,"metadata":{"Title":"x"}}' | metadata.Title
      metadata value too long     | '{"name":"a.txt","contentType":"text/plain","size":1,"metadata":{"a":"%s"}}' | metadata.a
      bad checksum                | '{"name":"a.txt","contentType":"text/plain","size":1,"checksumSha256":"abc"}' | checksumSha256
      """)
  void createRejects(String why, String body, String field) {
    String longText = "x".repeat(300);
    Api.Response r = f.api.post("/files", body == null ? null : body.replace("%s", longText));
    assertProblem(r, 400, "invalid-request", field);
  }

  @Test
  void metadataOverS3sLimit() {
    StringBuilder metadata = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("é".repeat(250)).append('"');
    }
    Api.Response r = f.api.post("/files", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":1,\"metadata\":{" + metadata + "}}");
    assertProblem(r, 400, "invalid-request", "metadata");
    assertTrue(r.json().path("detail").asText().contains("2048"));
  }

  @Test
  void tooManyMetadataEntries() {
    StringBuilder metadata = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertProblem(f.api.post("/files", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":1,\"metadata\":{" + metadata + "}}"),
        400, "invalid-request", "metadata");
  }

  @Test
  void disallowedTypeListsTheAllowedOnes() {
    Api.Response r = f.api.post("/files", "{\"name\":\"a.exe\",\"contentType\":\"application/x-msdownload\",\"size\":1}");
    assertTrue(r.json().path("errors").path(0).path("message").asText().contains("image/*, text/plain"), r::toString);
  }

  @Test
  void base64Body() {
    String encoded = java.util.Base64.getEncoder().encodeToString("{\"name\":\"b.txt\",\"contentType\":\"text/plain\",\"size\":1}".getBytes());
    Api.Response r = f.api.call("POST", "/files", Map.of(), encoded);
    assertEquals(400, r.status(), "not base64-flagged, so it is not JSON");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /files/not-an-id",
      "GET, /files/0123456789ABCDEF0123456789ABCDEF",
      "POST, /files/short/store",
      "GET, /files/x/download",
      "DELETE, /files/3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6ff",
  })
  void malformedIds(String method, String path) {
    assertProblem(f.api.call(method, path, Map.of(), null), 400, "invalid-request", "id");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /files/" + UNKNOWN_ID,
      "POST, /files/" + UNKNOWN_ID + "/store",
      "GET, /files/" + UNKNOWN_ID + "/download",
      "DELETE, /files/" + UNKNOWN_ID,
  })
  void unknownIds(String method, String path) {
    assertProblem(f.api.call(method, path, Map.of(), null), 404, "not-found", null);
  }

  @Test
  void anotherCallersFileIsNotFound() {
    Api bob = f.api.as(Functions.OTHER_KEY);
    for (String[] call : new String[][] {{"GET", ""}, {"POST", "/store"}, {"GET", "/download"}, {"DELETE", ""}}) {
      assertProblem(bob.call(call[0], "/files/" + uploadedId + call[1], Map.of(), null), 404, "not-found", null);
    }
    assertEquals("UPLOADED", f.api.get("/files/" + uploadedId).json().path("state").asText(), "untouched");
    assertEquals(0, bob.get("/files").json().path("items").size());
  }

  @Test
  void wrongStates() {
    Api.Response store = f.api.post("/files/" + pendingId + "/store", null);
    assertProblem(store, 409, "state-conflict", null);
    assertEquals("PENDING", store.json().path("state").asText());
    Api.Response download = f.api.get("/files/" + pendingId + "/download");
    assertProblem(download, 409, "state-conflict", null);

    String deletedId = f.api.post("/files", "{\"name\":\"d.txt\",\"contentType\":\"text/plain\",\"size\":3}").json().path("file").path("id").asText();
    assertEquals(204, f.api.delete("/files/" + deletedId).status());
    assertEquals("DELETED", f.api.post("/files/" + deletedId + "/store", null).json().path("state").asText());
    assertProblem(f.api.post("/files/" + deletedId + "/store", null), 409, "state-conflict", null);
    assertProblem(f.api.get("/files/" + deletedId + "/download"), 409, "state-conflict", null);
  }

  @ParameterizedTest(name = "ttl={0}")
  @CsvSource({"0", "-5", "abc", "3601", "43201", "1.5"})
  void downloadTtl(String ttl) {
    assertProblem(f.api.get("/files/" + uploadedId + "/download", Map.of("ttl", ttl)), 400, "invalid-request", "ttl");
  }

  @Test
  void downloadDisposition() {
    assertProblem(f.api.get("/files/" + uploadedId + "/download", Map.of("disposition", "download")), 400, "invalid-request", "disposition");
    assertEquals(200, f.api.get("/files/" + uploadedId + "/download", Map.of("disposition", "inline")).status());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"limit, 0", "limit, 101", "limit, ten", "state, DELETED", "state, pending", "cursor, not-a-cursor",
      "cursor, djE6MjAyNi0xMS0yMVQxODo1MDoyMy40MThaI3h5eg"})
  void listRejects(String name, String value) {
    assertProblem(f.api.get("/files", Map.of(name, value)), 400, "invalid-request", name);
  }

  @Test
  void noCallerIdentity() {
    assertProblem(f.api.as(null).get("/files"), 403, "forbidden", null);
  }

  @Test
  void unknownRouteAndMethod() {
    assertProblem(f.api.call("GET", "/nothing", Map.of(), null), 404, "not-found", null);
    assertProblem(f.api.call("PUT", "/files/" + uploadedId, Map.of(), null), 405, "method-not-allowed", null);
  }

  @Test
  void nothingWasWrittenByRejectedRequests() {
    assertEquals(2, f.api.get("/files").json().path("items").size(), f.api.get("/files")::toString);
  }
}
