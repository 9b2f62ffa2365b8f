package io.filestore.domain.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class JobTransitionsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  /** Jitter pinned to the ceiling, so the next attempt times are exact. */
  private static final RandomGenerator CEILING = new RandomGenerator() {
    @Override public long nextLong() { return 0; }
    @Override public long nextLong(long bound) { return bound - 1; }
  };
  private static final Duration LEASE = Duration.ofSeconds(40);
  private final JobTransitions jobs = new JobTransitions(new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), CEILING), 3);

  private ProcessingJob running(int previousAttempts) {
    ProcessingJob job = JobTransitions.started("f1", "j1", T0, 0);
    for (int i = 0; i < previousAttempts; i++) {
      job = jobs.attempted(JobTransitions.claimed(job, job.nextAttemptAt(), LEASE), AttemptResult.answered(503, Duration.ofMillis(5), ""), T0);
    }
    return JobTransitions.claimed(job, job.nextAttemptAt(), LEASE);
  }

  @Test
  void everyAnswerHasItsOutcome() {
    assertEquals(JobStatus.SUCCEEDED, jobs.attempted(running(0), AttemptResult.answered(204, Duration.ofMillis(1), ""), T0).status());
    assertEquals(JobStatus.REJECTED, jobs.attempted(running(0), AttemptResult.answered(400, Duration.ofMillis(1), "no"), T0).status());
    assertEquals(JobStatus.REJECTED, jobs.attempted(running(0), AttemptResult.answered(301, Duration.ofMillis(1), ""), T0).status());
    assertEquals(JobStatus.FAILED, jobs.attempted(running(0), AttemptResult.answered(429, Duration.ofMillis(1), ""), T0).status());
    assertEquals(JobStatus.FAILED, jobs.attempted(running(0), AttemptResult.answered(500, Duration.ofMillis(1), ""), T0).status());
    assertEquals(JobStatus.FAILED, jobs.attempted(running(0), AttemptResult.noAnswer(Duration.ofSeconds(10), "timed out"), T0).status());
  }

  @Test
  void failuresAreRetriedWithBackoffThenDead() {
    ProcessingJob first = jobs.attempted(running(0), AttemptResult.noAnswer(Duration.ofSeconds(10), "timed out"), T0);
    assertEquals(1, first.attempt());
    assertEquals(T0.plusSeconds(30), first.nextAttemptAt());
    assertEquals("timed out", first.lastError());
    assertNull(first.lastStatusCode());
    assertThrows(IllegalStateException.class, () -> JobTransitions.claimed(first, T0.plusSeconds(29), LEASE), "not due yet");
    ProcessingJob second = jobs.attempted(JobTransitions.claimed(first, first.nextAttemptAt(), LEASE), AttemptResult.answered(500, Duration.ofMillis(3), "x"), T0);
    assertEquals(2, second.attempt());
    assertEquals(T0.plusSeconds(60), second.nextAttemptAt());
    assertEquals("j1:2", second.idempotencyKey());
    ProcessingJob third = jobs.attempted(JobTransitions.claimed(second, second.nextAttemptAt(), LEASE), AttemptResult.answered(503, Duration.ofMillis(3), ""), T0);
    assertEquals(JobStatus.DEAD, third.status(), "the third of three attempts failed");
    assertNull(third.nextAttemptAt());
    assertThrows(IllegalStateException.class, () -> JobTransitions.claimed(third, T0.plusSeconds(3600), LEASE), "DEAD is final");
  }

  @Test
  void aNewJobIsQueuedAndDueAtOnce() {
    ProcessingJob queued = JobTransitions.started("f1", "j2", T0, 7);
    assertEquals(JobStatus.QUEUED, queued.status());
    assertEquals(8, queued.version(), "a reprocess replaces the previous job of the file");
    ProcessingJob claimed = JobTransitions.claimed(queued, T0, LEASE);
    assertEquals(JobStatus.RUNNING, claimed.status());
    assertEquals(1, claimed.attempt());
    assertThrows(IllegalStateException.class, () -> JobTransitions.claimed(claimed, T0, LEASE), "a RUNNING job is already claimed");
    assertThrows(IllegalStateException.class, () -> JobTransitions.claimed(JobTransitions.skipped(JobTransitions.started("f", "j", T0, 0), "processing is off", T0), T0, LEASE),
        "a SKIPPED job runs only through a reprocess");
  }

  @Test
  void aClaimIsALeaseAndAnAbandonedAttemptFails() {
    ProcessingJob claimed = running(0);
    assertEquals(T0.plus(LEASE), claimed.nextAttemptAt(), "due again when the lease ends");
    assertEquals(false, JobTransitions.isDue(claimed, T0.plus(LEASE).minusMillis(1)));
    assertEquals(true, JobTransitions.isDue(claimed, T0.plus(LEASE)));
    ProcessingJob abandoned = jobs.abandoned(claimed, T0.plus(LEASE));
    assertEquals(JobStatus.FAILED, abandoned.status());
    assertNull(abandoned.lastStatusCode());
    assertEquals(T0.plus(LEASE).plusSeconds(30), abandoned.nextAttemptAt(), "backs off like any failed attempt");
    assertEquals(JobStatus.DEAD, jobs.abandoned(running(2), T0.plus(LEASE)).status(), "the last attempt abandoned is DEAD");
  }

  @Test
  void skippingKeepsTheReasonAndLeavesNothingDue() {
    ProcessingJob skipped = JobTransitions.skipped(JobTransitions.started("f", "j", T0, 4), "processing is off", T0);
    assertEquals(JobStatus.SKIPPED, skipped.status());
    assertEquals("processing is off", skipped.lastError());
    assertNull(skipped.nextAttemptAt());
    assertEquals(6, skipped.version());
  }

  @Test
  void theResultIsCappedAndKeptOnlyOnSuccess() {
    ProcessingJob ok = jobs.attempted(running(0), AttemptResult.answered(200, Duration.ofMillis(1), "r".repeat(10_000)), T0);
    assertEquals(JobTransitions.MAX_RESULT_CHARS, ok.result().length());
    assertNull(jobs.attempted(running(0), AttemptResult.answered(422, Duration.ofMillis(1), "bad"), T0).result());
  }

  @Test
  void everyTransitionIsOneVersionLater() {
    ProcessingJob r = running(1);
    assertEquals(r.version() + 1, jobs.attempted(r, AttemptResult.answered(200, Duration.ZERO, ""), T0).version());
    assertThrows(IllegalStateException.class,
        () -> jobs.attempted(JobTransitions.skipped(JobTransitions.started("f", "j", T0, 0), "processing is off", T0), AttemptResult.answered(200, Duration.ZERO, ""), T0));
  }
}
