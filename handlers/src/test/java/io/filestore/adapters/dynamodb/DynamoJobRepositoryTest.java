package io.filestore.adapters.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.AttemptResult;
import io.filestore.domain.processing.Backoff;
import io.filestore.domain.processing.JobIds;
import io.filestore.domain.processing.JobStatus;
import io.filestore.domain.processing.JobTransitions;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.functions.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jobs in DynamoDB Local: one current job per file, claims that only one worker wins, due work from the index. */
@ExtendWith(LocalAws.class)
class DynamoJobRepositoryTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final java.time.Duration LEASE = java.time.Duration.ofSeconds(40);
  private final LocalAws.Space space = LocalAws.newSpace(Map.of());
  private final DynamoJobRepository jobs = new DynamoJobRepository(LocalAws.dynamo(), space.table());
  private final JobTransitions transitions = new JobTransitions(
      new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), new SplittableRandom(1)), 3);

  private static String id(int n) {
    return String.format("%032x", n);
  }

  @Test
  void ofTwoWorkersClaimingOneAttemptExactlyOneWins() throws Exception {
    ProcessingJob queued = JobTransitions.started(id(1), "job-1", T0, 0);
    assertTrue(jobs.replace(null, queued));
    assertFalse(jobs.replace(null, JobTransitions.started(id(1), "job-2", T0, 0)), "one current job per file");

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      // Both read the same version before either writes: the scheduled retry and a second delivery.
      ProcessingJob read = jobs.find(id(1)).orElseThrow();
      Future<Boolean> retry = pool.submit(() -> {
        start.await();
        return jobs.replace(read, JobTransitions.claimed(read, T0, LEASE));
      });
      Future<Boolean> duplicate = pool.submit(() -> {
        start.await();
        return jobs.replace(read, JobTransitions.claimed(read, T0, LEASE));
      });
      start.countDown();
      assertEquals(1, (retry.get() ? 1 : 0) + (duplicate.get() ? 1 : 0), "exactly one claim wins");
    } finally {
      pool.shutdownNow();
    }
    ProcessingJob running = jobs.find(id(1)).orElseThrow();
    assertEquals(JobStatus.RUNNING, running.status());
    assertEquals(1, running.attempt());
  }

  @Test
  void anAttemptIsRecordedOnceWithTheJobsNextState() {
    ProcessingJob queued = JobTransitions.started(id(2), "job-1", T0, 0);
    assertTrue(jobs.replace(null, queued));
    ProcessingJob running = JobTransitions.claimed(queued, T0, LEASE);
    assertTrue(jobs.replace(queued, running));
    ProcessingJob failed = transitions.attempted(running, AttemptResult.answered(503, Duration.ofMillis(40), "busy"), T0);
    Attempt attempt = new Attempt(id(2), "job-1", 1, failed.status(), 503, Duration.ofMillis(40), null, T0);
    assertTrue(jobs.recordAttempt(running, failed, attempt));
    assertFalse(jobs.recordAttempt(running, failed, attempt), "a second report of the same attempt changes nothing");

    assertEquals(JobStatus.FAILED, jobs.find(id(2)).orElseThrow().status());
    List<Attempt> history = jobs.history(id(2), 10);
    assertEquals(1, history.size());
    assertEquals(503, history.get(0).statusCode());
    assertEquals(Duration.ofMillis(40), history.get(0).duration());
  }

  @Test
  void theHistoryIsNewestFirstAcrossJobsAndBounded() {
    JobIds ids = new JobIds(new java.security.SecureRandom());
    ProcessingJob job = null;
    for (int j = 0; j < 3; j++) {
      ProcessingJob queued = JobTransitions.started(id(9), ids.next(T0.plusSeconds(j)), T0.plusSeconds(j), job == null ? 0 : job.version());
      assertTrue(jobs.replace(job, queued));
      job = queued;
      for (int a = 0; a < 2; a++) {
        ProcessingJob running = JobTransitions.claimed(job, job.nextAttemptAt(), LEASE);
        assertTrue(jobs.replace(job, running));
        job = transitions.attempted(running, AttemptResult.answered(500, Duration.ofMillis(1), ""), job.nextAttemptAt());
        assertTrue(jobs.recordAttempt(running, job, new Attempt(id(9), job.jobId(), job.attempt(), job.status(), 500,
            Duration.ofMillis(1), null, job.updatedAt())));
      }
    }
    List<Attempt> latest = jobs.history(id(9), 4);
    assertEquals(4, latest.size());
    assertEquals(job.jobId(), latest.get(0).jobId(), "the newest job first");
    assertEquals(List.of(2, 1, 2, 1), latest.stream().map(Attempt::attempt).toList());
  }

  @Test
  void theCountsFollowEveryTransition() {
    for (int n = 20; n < 26; n++) {
      assertTrue(jobs.replace(null, JobTransitions.started(id(n), "j" + n, T0, 0)));
    }
    ProcessingJob queued = jobs.find(id(20)).orElseThrow();
    ProcessingJob running = JobTransitions.claimed(queued, T0, LEASE);
    assertTrue(jobs.replace(queued, running));
    ProcessingJob done = transitions.attempted(running, AttemptResult.answered(200, Duration.ZERO, "ok"), T0);
    assertTrue(jobs.recordAttempt(running, done, new Attempt(id(20), "j20", 1, done.status(), 200, Duration.ZERO, null, T0)));
    ProcessingJob other = jobs.find(id(21)).orElseThrow();
    assertTrue(jobs.replace(other, JobTransitions.skipped(other, "off", T0)));
    assertFalse(jobs.replace(other, JobTransitions.skipped(other, "off", T0)), "a refused write counts nothing");

    Map<JobStatus, Long> counts = jobs.counts();
    assertEquals(4L, counts.get(JobStatus.QUEUED));
    assertEquals(1L, counts.get(JobStatus.SUCCEEDED));
    assertEquals(1L, counts.get(JobStatus.SKIPPED));
    assertEquals(0L, counts.get(JobStatus.RUNNING));
    assertEquals(0L, counts.get(JobStatus.DEAD));
  }

  @Test
  void dueWorkComesFromTheIndexOldestFirst() {
    ProcessingJob later = JobTransitions.started(id(3), "a", T0.plusSeconds(60), 0);
    ProcessingJob now = JobTransitions.started(id(4), "b", T0, 0);
    ProcessingJob earlier = JobTransitions.started(id(5), "c", T0.minusSeconds(60), 0);
    ProcessingJob done = new ProcessingJob(id(6), "d", JobStatus.SUCCEEDED, 1, null, 200, null, "ok", T0, T0, 3);
    ProcessingJob skipped = JobTransitions.skipped(JobTransitions.started(id(7), "e", T0.minusSeconds(600), 0), "off", T0.minusSeconds(600));
    for (ProcessingJob j : List.of(later, now, earlier, done, skipped)) {
      assertTrue(jobs.replace(null, j));
    }
    List<ProcessingJob> due = jobs.due(T0, 10);
    assertEquals(List.of(id(5), id(4)), due.stream().map(ProcessingJob::fileId).toList());
    assertEquals(List.of(id(5)), jobs.due(T0, 1).stream().map(ProcessingJob::fileId).toList(), "bounded");

    ProcessingJob running = JobTransitions.claimed(earlier, T0, LEASE);
    assertTrue(jobs.replace(earlier, running));
    assertEquals(List.of(id(4)), jobs.due(T0, 10).stream().map(ProcessingJob::fileId).toList(), "a claimed job is not due");
    assertEquals(List.of(id(4), id(5)), jobs.due(T0.plus(LEASE), 10).stream().map(ProcessingJob::fileId).toList(),
        "until its lease ends");
  }
}
