package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.adapters.dynamodb.DynamoJobRepository;
import io.filestore.config.Env;
import io.filestore.domain.processing.JobStatus;
import io.filestore.domain.processing.JobTransitions;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.emulators.ProcessingReceiver;
import io.filestore.emulators.ProcessingReceiver.Answer;
import io.filestore.emulators.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processing pipeline end to end on the emulators: the object-created function queues and starts the
 * job (Lambda's Event invoke on the in-process Lambda), the process function sends the signed webhook to
 * the test receiver (which verifies the signature itself), records the attempt and publishes to the
 * in-process SNS; the settings come from the in-process SSM. Retries run through the retry function with
 * an injected clock and jitter, so the backoff is exact.
 */
@ExtendWith(LocalAws.class)
class ProcessingTest {
  /** Jitter pinned to the top of each step, so each wait is exactly base * 2^(n-1). */
  private static final RandomGenerator CEILING = new RandomGenerator() {
    @Override public long nextLong() { return 0; }
    @Override public long nextLong(long bound) { return bound - 1; }
  };
  private static final String SCHEDULED = """
      {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
       "time":"2026-11-21T09:00:00Z","region":"us-east-1","resources":[],"detail":{}}""";

  private Functions f;
  private String space;
  private ProcessingReceiver receiver;
  private String lastEvent;

  @BeforeEach
  void deploy() {
    f = Functions.deploy();
    space = f.space.bucket();
    receiver = LocalAws.receiver();
    receiver.answer(Answer.OK);
    receiver.hold(Duration.ofSeconds(4));
  }

  @AfterEach
  void reset() {
    receiver.answer(Answer.OK);
  }

  private String upload(String name, byte[] bytes) {
    JsonNode started = f.api.post("/files", "{\"name\":\"" + name + "\",\"contentType\":\"text/plain\",\"size\":" + bytes.length
        + ",\"metadata\":{\"title\":\"T\"}}").json();
    assertEquals(200, Http.upload(started.path("upload"), bytes).statusCode());
    lastEvent = f.space.nextEvent();
    assertEquals("UPLOADED", f.deliver(lastEvent).path("results").path(0).path("outcome").asText());
    idle();
    return started.path("file").path("id").asText();
  }

  private static void idle() {
    try {
      assertTrue(LocalAws.services().lambda().awaitIdle(Duration.ofSeconds(30)), "the queued invocations finish");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private JsonNode jobs(String id) {
    Api.Response response = f.api.get("/files/" + id + "/jobs");
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private List<ProcessingReceiver.Call> callsFor(String id) {
    return receiver.calls().stream().filter(c -> c.body() != null && c.body().contains(id)).toList();
  }

  private List<Topics.Notification> published(String id) {
    return LocalAws.services().sns().published().stream()
        .filter(n -> n.topicArn().equals(f.space.env().get("TOPIC_ARN")) && n.message().contains(id)).toList();
  }

  private RetryFunction retry(Clock clock) {
    Env env = new Env(f.space.env());
    return new RetryFunction(env, new Backends(env), new JsonLog("retry", System.out), clock, CEILING);
  }

  private JsonNode runRetry(Instant at) {
    return Functions.read(Lambda.invoke(retry(Clock.fixed(at, ZoneOffset.UTC)), ScheduledEvent.class, RetryReport.class, SCHEDULED));
  }

  private void makeAdmin() {
    LocalAws.setting(space, "admin-principals", f.api.principal());
  }

  @Test
  void aLandedFileIsSentSignedAndTheOutcomePublished() throws Exception {
    byte[] bytes = "hello processing".getBytes(StandardCharsets.UTF_8);
    String id = upload("a.txt", bytes);

    List<ProcessingReceiver.Call> calls = callsFor(id);
    assertEquals(1, calls.size());
    ProcessingReceiver.Call call = calls.get(0);
    assertTrue(call.signatureVerified(), "the receiver verified the HMAC itself: " + call.signatureProblem());
    JsonNode body = Functions.read(call.body());
    JsonNode job = jobs(id).path("job");
    assertEquals(job.path("jobId").asText() + ":1", call.idempotencyKey());
    assertEquals(job.path("jobId").asText(), body.path("jobId").asText());
    assertEquals(id, body.path("fileId").asText());
    assertEquals("a.txt", body.path("name").asText());
    assertEquals("text/plain", body.path("contentType").asText());
    assertEquals(bytes.length, body.path("size").asInt());
    assertEquals("T", body.path("metadata").path("title").asText());
    assertArrayEquals(bytes, Http.get(body.path("downloadUrl").asText()).body(), "the link gives the file's bytes");

    assertEquals("SUCCEEDED", job.path("status").asText());
    assertTrue(job.path("result").asText().contains(job.path("jobId").asText()), "the endpoint's answer is kept");
    JsonNode attempt = jobs(id).path("attempts").path(0);
    assertEquals(200, attempt.path("statusCode").asInt());
    assertEquals("SUCCEEDED", attempt.path("outcome").asText());

    List<Topics.Notification> messages = published(id);
    assertEquals(1, messages.size());
    assertEquals("SUCCEEDED", messages.get(0).attributes().get("status").value());
    assertEquals("text/plain", messages.get(0).attributes().get("contentType").value());
    assertEquals("SUCCEEDED", Functions.read(messages.get(0).message()).path("status").asText());

    // S3 delivers the event again: the job exists, so nothing is queued or sent twice.
    assertEquals("DUPLICATE", f.deliver(lastEvent).path("results").path(0).path("outcome").asText());
    idle();
    assertEquals(1, callsFor(id).size());
    assertEquals(job.path("jobId").asText(), jobs(id).path("job").path("jobId").asText());
    assertEquals(404, f.api.as(Functions.OTHER_KEY).get("/files/" + id + "/jobs").status(), "another caller sees nothing");
  }

  @Test
  void everyAnswerHasItsOutcome() {
    receiver.answer(Answer.SERVER_ERROR);
    JsonNode failed = jobs(upload("500.txt", new byte[] {1})).path("job");
    assertEquals("FAILED", failed.path("status").asText());
    assertEquals(500, failed.path("lastStatusCode").asInt());
    assertTrue(failed.hasNonNull("nextAttemptAt"));

    receiver.answer(Answer.TOO_MANY_REQUESTS);
    assertEquals("FAILED", jobs(upload("429.txt", new byte[] {1})).path("job").path("status").asText());

    receiver.answer(Answer.BAD_REQUEST);
    JsonNode rejected = jobs(upload("400.txt", new byte[] {1})).path("job");
    assertEquals("REJECTED", rejected.path("status").asText());
    assertFalse(rejected.hasNonNull("nextAttemptAt"), "never retried");

    receiver.answer(Answer.TIMEOUT);
    String slow = upload("slow.txt", new byte[] {1});
    JsonNode timedOut = jobs(slow);
    assertEquals("FAILED", timedOut.path("job").path("status").asText());
    assertTrue(timedOut.path("attempts").path(0).path("statusCode").isMissingNode(), "no answer, no status");
    assertTrue(timedOut.path("attempts").path(0).path("error").asText().contains("2 s"));
    assertEquals(List.of("FAILED"), published(slow).stream().map(n -> n.attributes().get("status").value()).toList());
  }

  @Test
  void failedJobsBackOffExactlyAndDieAfterTheLastAttempt() {
    receiver.answer(Answer.SERVER_ERROR);
    String id = upload("flaky.txt", new byte[] {1});
    JsonNode first = jobs(id).path("job");
    assertEquals(1, first.path("attempt").asInt());
    Instant due = Instant.parse(first.path("nextAttemptAt").asText());

    assertEquals(0, runRetry(due.minusMillis(1)).path("failed").asInt(), "not due a millisecond early");
    JsonNode run = runRetry(due);
    assertEquals(1, run.path("failed").asInt());
    JsonNode second = jobs(id).path("job");
    assertEquals(2, second.path("attempt").asInt());
    // The second wait is base (60 s) * 2 at the ceiling of its jitter, from the injected clock.
    assertEquals(due.plusSeconds(120), Instant.parse(second.path("nextAttemptAt").asText()));

    JsonNode last = runRetry(due.plusSeconds(120));
    assertEquals(1, last.path("dead").asInt());
    JsonNode dead = jobs(id);
    assertEquals("DEAD", dead.path("job").path("status").asText());
    assertEquals(List.of(3, 2, 1), List.of(dead.path("attempts").path(0).path("attempt").asInt(),
        dead.path("attempts").path(1).path("attempt").asInt(), dead.path("attempts").path(2).path("attempt").asInt()));
    assertEquals(List.of("FAILED", "FAILED", "DEAD"), published(id).stream().map(n -> n.attributes().get("status").value()).toList());
    assertEquals(3, callsFor(id).size());
    assertEquals(0, runRetry(due.plusSeconds(86_400)).path("due").asInt(), "a DEAD job is never due");
  }

  @Test
  void switchedOffJobsAreSkippedAndAReprocessRunsThem() {
    Api.Response refused = f.api.put("/admin/processing", "{\"enabled\":false}");
    assertEquals(403, refused.status());
    assertEquals("admin-required", refused.problemType());
    makeAdmin();
    JsonNode off = f.api.put("/admin/processing", "{\"enabled\":false}").json();
    assertFalse(off.path("enabled").asBoolean());

    String id = upload("later.txt", new byte[] {1});
    JsonNode skipped = jobs(id).path("job");
    assertEquals("SKIPPED", skipped.path("status").asText());
    assertEquals("Processing was off", skipped.path("lastError").asText());
    assertEquals(0, callsFor(id).size());
    assertEquals(List.of("SKIPPED"), published(id).stream().map(n -> n.attributes().get("status").value()).toList());

    // A user in the admins group is an administrator too.
    Api admin = f.api.asUser("ops", "[admins, editors]");
    assertTrue(admin.put("/admin/processing", "{\"enabled\":true}").json().path("enabled").asBoolean());
    assertEquals(403, f.api.asUser("someone", "editors").get("/admin/processing").status());
    Api.Response reprocess = admin.post("/admin/files/" + id + "/reprocess", null);
    assertEquals(202, reprocess.status(), reprocess::toString);
    assertEquals("QUEUED", reprocess.json().path("status").asText());
    idle();
    JsonNode after = jobs(id).path("job");
    assertEquals("SUCCEEDED", after.path("status").asText());
    assertEquals(reprocess.json().path("jobId").asText(), after.path("jobId").asText());
    assertEquals(1, callsFor(id).size());

    JsonNode status = admin.get("/admin/processing").json();
    assertEquals(1, status.path("counts").path("succeeded").asInt());
    assertEquals(0, status.path("counts").path("skipped").asInt());
    assertEquals(LocalAws.receiver().url().toString(), status.path("endpoint").asText());
    assertEquals(404, admin.post("/admin/files/" + "0".repeat(32) + "/reprocess", null).status());
  }

  @Test
  void aReprocessRacingTheRetryMakesOneCall() throws Exception {
    makeAdmin();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 4; round++) {
        receiver.answer(Answer.SERVER_ERROR);
        String id = upload("race" + round + ".txt", new byte[] {1});
        assertEquals("FAILED", jobs(id).path("job").path("status").asText());
        receiver.answer(Answer.OK);
        Instant later = Instant.now().plusSeconds(86_400);
        Future<JsonNode> retried = pool.submit(() -> runRetry(later));
        Future<Api.Response> reprocessed = pool.submit(() -> f.api.post("/admin/files/" + id + "/reprocess", null));
        retried.get();
        int status = reprocessed.get().status();
        assertTrue(status == 202 || status == 409, "a reprocess either wins or finds the attempt in flight: " + status);
        idle();
        assertEquals(2, callsFor(id).size(), "the failed call and exactly one more");
        JsonNode history = jobs(id);
        assertEquals("SUCCEEDED", history.path("job").path("status").asText());
        assertEquals(2, history.path("attempts").size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAttemptWhoseWorkerStoppedIsRecordedAfterItsLease() {
    receiver.answer(Answer.SERVER_ERROR);
    String id = upload("stopped.txt", new byte[] {1});
    DynamoJobRepository repository = new DynamoJobRepository(LocalAws.dynamo(), f.space.table());
    ProcessingJob failed = repository.find(id).orElseThrow();
    // A worker claims attempt 2 and stops before recording it.
    ProcessingJob claimed = JobTransitions.claimed(failed, failed.nextAttemptAt(), Duration.ofSeconds(32));
    assertTrue(repository.replace(failed, claimed));
    assertEquals(0, runRetry(claimed.nextAttemptAt().minusSeconds(1)).path("abandoned").asInt(), "the lease holds");

    assertEquals(1, runRetry(claimed.nextAttemptAt()).path("abandoned").asInt());
    JsonNode history = jobs(id);
    assertEquals("FAILED", history.path("job").path("status").asText());
    assertEquals(2, history.path("job").path("attempt").asInt());
    assertTrue(history.path("attempts").path(0).path("error").asText().contains("lease"));
    assertEquals(1, callsFor(id).size(), "the stopped worker's attempt made no call here");
    assertEquals(JobStatus.FAILED, repository.find(id).orElseThrow().status());
  }

  @Test
  void aBodySignedWithAnotherSecretIsRefusedByTheReceiver() {
    LocalAws.services().ssm().put("/filestore/" + space + "/processing/secret", "SecureString", "not-the-receivers-secret");
    String id = upload("forged.txt", new byte[] {1});
    ProcessingReceiver.Call call = callsFor(id).get(0);
    assertFalse(call.signatureVerified());
    assertEquals(401, call.status());
    assertEquals("REJECTED", jobs(id).path("job").path("status").asText());
  }

  @Test
  void withoutAnEndpointJobsAreSkippedWithTheReason() {
    LocalAws.setting(space, "processing/endpoint", "none");
    String id = upload("nowhere.txt", new byte[] {1});
    JsonNode job = jobs(id).path("job");
    assertEquals("SKIPPED", job.path("status").asText());
    assertEquals("No processing endpoint is configured", job.path("lastError").asText());
  }
}
