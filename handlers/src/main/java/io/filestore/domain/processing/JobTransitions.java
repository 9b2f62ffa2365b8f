package io.filestore.domain.processing;

import java.time.Instant;

/**
 * The job state machine: each method derives the next record of one transition, one version later.
 * Callers write it with a compare-and-set on the version they read, so two workers racing for one
 * attempt cannot both win.
 */
public final class JobTransitions {
  /** The endpoint's answer is stored for inspection, not as a payload store. */
  public static final int MAX_RESULT_CHARS = 4096;

  private final Backoff backoff;
  private final int maxAttempts;

  public JobTransitions(Backoff backoff, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
  }

  public static ProcessingJob skipped(String fileId, String jobId, Instant now) {
    return new ProcessingJob(fileId, jobId, JobStatus.SKIPPED, 0, null, null, null, null, now, now, 0);
  }

  /** Claims the next attempt: RUNNING, attempt + 1. Only a QUEUED or FAILED job that is due may be claimed. */
  public static ProcessingJob claimed(ProcessingJob job, Instant now) {
    if (!job.status().isClaimable() || job.nextAttemptAt() == null || job.nextAttemptAt().isAfter(now)) {
      throw new IllegalStateException("Job " + job.jobId() + " is " + job.status() + " and not due; it cannot be claimed");
    }
    return new ProcessingJob(job.fileId(), job.jobId(), JobStatus.RUNNING, job.attempt() + 1, null, job.lastStatusCode(),
        job.lastError(), job.result(), job.createdAt(), now, job.version() + 1);
  }

  /** A new job for the file (a first run, or a reprocess), ready to be claimed. */
  public static ProcessingJob started(String fileId, String jobId, Instant now, long previousVersion) {
    return new ProcessingJob(fileId, jobId, JobStatus.QUEUED, 0, now, null, null, null, now, now, previousVersion + 1);
  }

  /** The outcome of the claimed attempt: SUCCEEDED, REJECTED, FAILED with its next time, or DEAD after the last. */
  public ProcessingJob attempted(ProcessingJob running, AttemptResult result, Instant now) {
    if (running.status() != JobStatus.RUNNING) {
      throw new IllegalStateException("Only a RUNNING job has an attempt to record; this one is " + running.status());
    }
    JobStatus status = result.classify();
    Instant next = null;
    if (status == JobStatus.FAILED) {
      if (running.attempt() >= maxAttempts) {
        status = JobStatus.DEAD;
      } else {
        next = now.plus(backoff.after(running.attempt()));
      }
    }
    String body = status == JobStatus.SUCCEEDED ? capped(result.body()) : null;
    return new ProcessingJob(running.fileId(), running.jobId(), status, running.attempt(), next, result.statusCode(),
        result.error(), body, running.createdAt(), now, running.version() + 1);
  }

  private static String capped(String body) {
    return body == null || body.length() <= MAX_RESULT_CHARS ? body : body.substring(0, MAX_RESULT_CHARS);
  }
}
