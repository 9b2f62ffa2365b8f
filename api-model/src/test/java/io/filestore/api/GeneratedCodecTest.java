package io.filestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filestore.api.model.CreateFileRequest;
import io.filestore.api.model.CreateFileRequestJson;
import io.filestore.api.model.FileInfo;
import io.filestore.api.model.FileInfoJson;
import io.filestore.api.model.FileState;
import io.filestore.api.model.Problem;
import io.filestore.api.model.ProblemJson;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The codecs generated from the spec read what the schema allows, refuse the rest by field, and round-trip. */
class GeneratedCodecTest {

  @Test
  void readsAValidRequest() {
    CreateFileRequest r = JsonCodec.parse("""
        {"name":"a b.png","contentType":"image/png","size":5368709120,"metadata":{"title":"x"},"checksumSha256":null}""",
        CreateFileRequestJson::read);
    assertEquals("a b.png", r.getName());
    assertEquals(5368709120L, r.getSize());
    assertEquals(Map.of("title", "x"), r.getMetadata());
    assertNull(r.getChecksumSha256(), "null means absent");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      '{}'                                                               | name
      '{"name":"a","contentType":"image/png"}'                           | size
      '{"name":"a","contentType":"image/png","size":true}'               | size
      '{"name":"a","contentType":"image/png","size":5368709121}'         | size
      '{"name":"a","contentType":"image/png","size":1,"extra":1}'        | extra
      '{"name":"a","contentType":"png","size":1}'                        | contentType
      '{"name":["a"],"contentType":"image/png","size":1}'                | name
      '"text"'                                                           | body
      '{"name":"a","contentType":"image/png","size":1,"metadata":{"a":"b","c":2}}' | metadata.c
      """)
  void namesTheField(String json, String field) {
    ApiProblem p = assertThrows(ApiProblem.class, () -> JsonCodec.parse(json, CreateFileRequestJson::read));
    assertEquals(400, p.status());
    Problem problem = p.toProblem("/files", "r-1");
    assertEquals(field, problem.getErrors().get(0).getField());
    assertEquals("urn:filestore:problem:invalid-request", problem.getType());
  }

  @Test
  void unknownEnumValues() {
    ApiProblem p = assertThrows(ApiProblem.class, () -> JsonCodec.parse("""
        {"id":"x","name":"n","contentType":"a/b","size":1,"state":"LOST","metadata":{},
         "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""", FileInfoJson::read));
    assertEquals("state", p.toProblem(null, null).getErrors().get(0).getField());
    assertTrue(p.getMessage().contains("PENDING, UPLOADED, STORED, EXPIRED, DELETED"));
  }

  @Test
  void writesWhatItReads() {
    FileInfo info = new FileInfo("id1", "n\"ame", "a/b", 3L, FileState.STORED, Map.of("k", "v"), "key:abc",
        OffsetDateTime.parse("2026-01-01T00:00:00.123Z"), OffsetDateTime.parse("2026-01-02T00:00:00Z"));
    String json = JsonCodec.write(info, FileInfoJson::write);
    assertEquals(json, JsonCodec.write(JsonCodec.parse(json, FileInfoJson::read), FileInfoJson::write));
    assertTrue(json.contains("\"state\":\"STORED\""));
    assertTrue(!json.contains("storedAt"), "absent fields are left out, not null");
  }

  @Test
  void dateTimesAreUtcWithSecondsAndMillis() {
    FileInfo info = new FileInfo("id1", "n", "a/b", 3L, FileState.STORED, Map.of(), "key:abc",
        OffsetDateTime.parse("2026-01-01T00:00Z"), OffsetDateTime.parse("2026-01-02T01:30:05.1234567+01:00"));
    String json = JsonCodec.write(info, FileInfoJson::write);
    assertTrue(json.contains("\"createdAt\":\"2026-01-01T00:00:00.000Z\""), json);
    assertTrue(json.contains("\"updatedAt\":\"2026-01-02T00:30:05.123Z\""), json);
  }

  @Test
  void problemsOmitEmptyLists() {
    String json = JsonCodec.write(ApiProblem.notFound("No file x").toProblem("/files/x", "r-1"), ProblemJson::write);
    assertEquals("{\"type\":\"urn:filestore:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
        + "\"detail\":\"No file x\",\"instance\":\"/files/x\",\"requestId\":\"r-1\"}", json);
  }
}
