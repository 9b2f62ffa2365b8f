package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.config.Env;
import io.filestore.domain.DownloadLink;
import io.filestore.domain.ExpirySweeper;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.ObjectFacts;
import io.filestore.domain.ObjectKeys;
import io.filestore.domain.Page;
import io.filestore.domain.Role;
import io.filestore.domain.UploadTicket;
import io.filestore.ports.FileRepository;
import io.filestore.ports.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expire function: only unstored files past expiresAt, found through an index, in bounded runs. */
@ExtendWith(LocalAws.class)
class ExpiryTest {
  private static final String SCHEDULED = """
      {"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event",
       "source":"aws.events","account":"123456789012","time":"2026-11-24T09:00:00Z","region":"us-east-1",
       "resources":["arn:aws:events:us-east-1:123456789012:rule/filestore-dev-expire"],"detail":%s}""";

  private final Functions f = Functions.deploy(Functions.settings("UPLOAD_URL_TTL_SECONDS", "60",
      "UNSTORED_FILE_TTL_SECONDS", "300", "EXPIRE_MAX_PER_RUN", "5"));

  private static Clock later() {
    return Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
  }

  private String create(String name) {
    return f.api.post("/files", "{\"name\":\"" + name + "\",\"contentType\":\"text/plain\",\"size\":3}").json().path("file").path("id").asText();
  }

  private String upload(String name) {
    JsonNode created = f.api.post("/files", "{\"name\":\"" + name + "\",\"contentType\":\"text/plain\",\"size\":3}").json();
    assertEquals(200, Http.upload(created.path("upload"), "abc".getBytes(StandardCharsets.UTF_8)).statusCode());
    f.deliverNext();
    return created.path("file").path("id").asText();
  }

  private String state(String id) {
    return f.api.get("/files/" + id).json().path("state").asText();
  }

  private boolean objectExists(String id) {
    return !LocalAws.s3().listObjectsV2(b -> b.bucket(f.space.bucket()).prefix(ObjectKeys.keyOf(id))).contents().isEmpty();
  }

  @Test
  void expiresOnlyUnstoredFilesPastTheirTime() {
    String neverUploaded = create("never.txt");
    String uploaded = upload("uploaded.txt");
    String stored = upload("stored.txt");
    assertEquals(200, f.api.post("/files/" + stored + "/store", null).status());

    JsonNode now = f.expire(Clock.systemUTC(), SCHEDULED.formatted("{}"));
    assertEquals(0, now.path("expired").asInt(), "nothing is due yet: " + now);

    JsonNode report = f.expire(later(), SCHEDULED.formatted("{}"));
    assertEquals(2, report.path("expired").asInt(), report::toString);
    assertEquals(2, report.path("purged").asInt());
    assertEquals(0, report.path("failed").asInt());
    assertFalse(report.path("more").asBoolean());
    assertEquals("EXPIRED", state(neverUploaded), "a file never uploaded expires too");
    assertEquals("EXPIRED", state(uploaded));
    assertFalse(objectExists(uploaded));
    assertEquals("STORED", state(stored));
    assertTrue(objectExists(stored));

    JsonNode again = f.expire(later(), SCHEDULED.formatted("{}"));
    assertEquals(0, again.path("examined").asInt(), "expired files are not visited again: " + again);
    assertEquals(0, f.api.get("/files").json().path("items").findValues("id").stream()
        .filter(id -> !id.asText().equals(stored)).count(), "expired files leave the listing");
  }

  @Test
  void dryRunCountsWithoutChanging() {
    String id = create("dry.txt");
    JsonNode report = f.expire(later(), SCHEDULED.formatted("{\"dryRun\": true}"));
    assertTrue(report.path("dryRun").asBoolean());
    assertEquals(1, report.path("expired").asInt(), report::toString);
    assertEquals("PENDING", state(id));
  }

  @Test
  void runsAreBounded() {
    for (int i = 0; i < 7; i++) {
      create("f" + i + ".txt");
    }
    JsonNode first = f.expire(later(), SCHEDULED.formatted("{}"));
    assertEquals(5, first.path("expired").asInt(), first::toString);
    assertTrue(first.path("more").asBoolean());
    JsonNode second = f.expire(later(), SCHEDULED.formatted("{}"));
    assertEquals(2, second.path("expired").asInt(), second::toString);
    assertFalse(second.path("more").asBoolean());
  }

  @Test
  void aFileStoredDuringTheSweepSurvives() {
    String id = upload("race.txt");
    Env env = new Env(f.space.env());
    Backends backends = new Backends(env);
    FileRepository racing = new Delegating(backends.files) {
      @Override
      public List<FileRecord> dueForSweep(Instant now, int limit) {
        List<FileRecord> due = super.dueForSweep(now, limit);
        if (!due.isEmpty()) {
          // The owner stores the file between the sweep's query and its write.
          assertEquals(200, f.api.post("/files/" + id + "/store", null).status());
        }
        return due;
      }
    };
    ExpirySweeper sweeper = new ExpirySweeper(racing, backends.objects, later(), 100, 10, m -> { });
    var report = sweeper.sweep(false);
    assertEquals(0, report.getExpired(), report::toString);
    assertEquals(1, report.getSkipped());
    assertEquals("STORED", state(id));
    assertTrue(objectExists(id), "the stored file keeps its bytes");
  }

  @Test
  void aDeletionThatFailedHalfwayIsFinishedByTheSweep() {
    String id = upload("half.txt");
    Env env = new Env(f.space.env());
    Backends backends = new Backends(env);
    ObjectStore failingDelete = new ObjectStore() {
      @Override public UploadTicket presignUpload(String k, String t, long s, Map<String, String> m, String c, Duration d) {
        return backends.objects.presignUpload(k, t, s, m, c, d);
      }
      @Override public DownloadLink presignDownload(String k, String t, String d, Duration ttl) {
        return backends.objects.presignDownload(k, t, d, ttl);
      }
      @Override public Optional<ObjectFacts> head(String k) {
        return backends.objects.head(k);
      }
      @Override public void delete(String k) {
        throw new IllegalStateException("S3 is unreachable");
      }
    };
    ApiFunction api = new ApiFunction(env, new Backends(backends, failingDelete),
        new JsonLog("api", System.out));
    Api.Response r = new Api(api, Functions.KEY).delete("/files/" + id);
    assertEquals(500, r.status(), r::toString);
    assertEquals("internal", r.problemType());
    assertEquals("application/problem+json", r.headers().get("Content-Type"));
    assertEquals("DELETED", state(id), "the record says deleted, so no one can download it");
    assertTrue(objectExists(id));

    JsonNode report = f.expire(Clock.systemUTC(), SCHEDULED.formatted("{}"));
    assertEquals(1, report.path("purged").asInt(), report::toString);
    assertFalse(objectExists(id), "the sweep finished the deletion");
    assertEquals(FileState.DELETED.name(), state(id));
    assertEquals(0, backends.files.dueForSweep(Instant.now().plusSeconds(3600), 10).size(), "nothing left to do");
  }

  @Test
  void anUnstoredFileOfACollectionExpiresWithItsObject() {
    String cid = f.api.post("/collections", "{\"name\":\"c\"}").json().path("id").asText();
    JsonNode started = f.api.post("/collections/" + cid + "/files",
        "{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1,\"title\":\"t\"}").json();
    String id = started.path("file").path("id").asText();
    assertEquals(200, Http.upload(started.path("upload"), new byte[] {1}).statusCode());
    assertEquals("UPLOADED", f.deliverNext().path("results").path(0).path("outcome").asText());
    String key = "uploads/" + cid + "/" + id;
    assertTrue(!LocalAws.s3().listObjectsV2(b -> b.bucket(f.space.bucket()).prefix(key)).contents().isEmpty());

    assertEquals(1, f.expire(later(), SCHEDULED.formatted("{}")).path("expired").asInt());
    assertEquals("EXPIRED", f.api.get("/files/" + id).json().path("state").asText());
    assertTrue(LocalAws.s3().listObjectsV2(b -> b.bucket(f.space.bucket()).prefix(key)).contents().isEmpty(),
        "the object under the collection's prefix is deleted");
    assertEquals(0, f.api.get("/collections/" + cid + "/files").json().path("items").size(), "and it leaves the listing");
  }

  /** A repository that forwards to the real one, so that a test can step in between calls. */
  static class Delegating implements FileRepository {
    private final FileRepository delegate;

    Delegating(FileRepository delegate) {
      this.delegate = delegate;
    }

    @Override public void insert(FileRecord record) { delegate.insert(record); }
    @Override public void insertInCollection(FileRecord record, Set<Role> roles) { delegate.insertInCollection(record, roles); }
    @Override public Optional<FileRecord> find(String id) { return delegate.find(id); }
    @Override public boolean replace(FileRecord expected, FileRecord next) { return delegate.replace(expected, next); }
    @Override public Page<FileRecord> listByOwner(String owner, FileState state, int limit, String cursor) {
      return delegate.listByOwner(owner, state, limit, cursor);
    }
    @Override public Page<FileRecord> listByCollection(String collectionId, FileState state, int limit, String cursor) {
      return delegate.listByCollection(collectionId, state, limit, cursor);
    }
    @Override public List<FileRecord> dueForSweep(Instant now, int limit) { return delegate.dueForSweep(now, limit); }
  }
}
