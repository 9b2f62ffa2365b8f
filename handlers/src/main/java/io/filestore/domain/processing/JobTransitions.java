package io.filestore.domain.processing;

import java.time.Duration;
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

  /** Processing was off (or the file gone) when the job came up: SKIPPED, with the reason; a reprocess runs it later. */
  public static ProcessingJob skipped(ProcessingJob job, String reason, Instant now) {
    return new ProcessingJob(job.fileId(), job.jobId(), JobStatus.SKIPPED, job.attempt(), null, job.lastStatusCode(),
        reason, null, job.createdAt(), now, job.version() + 1);
  }

  /**
   * Claims the next attempt: RUNNING, attempt + 1. Only a QUEUED or FAILED job that is due may be claimed.
   * The claim is a lease: if no outcome is recorded by {@code now + lease} (the worker stopped), the job is
   * due again, and {@link #abandoned} records that attempt as failed.
   */
  public static ProcessingJob claimed(ProcessingJob job, Instant now, Duration lease) {
    if (!job.status().isClaimable() || !isDue(job, now)) {
      throw new IllegalStateException("Job " + job.jobId() + " is " + job.status() + " and not due; it cannot be claimed");
    }
    return new ProcessingJob(job.fileId(), job.jobId(), JobStatus.RUNNING, job.attempt() + 1, now.plus(lease),
        job.lastStatusCode(), job.lastError(), job.result(), job.createdAt(), now, job.version() + 1);
  }

  /** Whether the job's next step is due: a claim of a QUEUED or FAILED job, or the end of a RUNNING job's lease. */
  public static boolean isDue(ProcessingJob job, Instant now) {
    return job.nextAttemptAt() != null && !job.nextAttemptAt().isAfter(now)
        && (job.status().isClaimable() || job.status() == JobStatus.RUNNING);
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

  /** A RUNNING job whose lease ended with no outcome recorded: that attempt failed without an answer. */
  public ProcessingJob abandoned(ProcessingJob running, Instant now) {
    return attempted(running, AttemptResult.noAnswer(Duration.between(running.updatedAt(), now),
        "No outcome was recorded before the attempt's lease ended (the worker stopped)"), now);
  }

  private static String capped(String body) {
    return body == null || body.length() <= MAX_RESULT_CHARS ? body : body.substring(0, MAX_RESULT_CHARS);
  }
}
