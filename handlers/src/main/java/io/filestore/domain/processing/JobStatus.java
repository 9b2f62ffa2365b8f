package io.filestore.domain.processing;

/**
 * A processing job's current state. SUCCEEDED, REJECTED and DEAD are final until an administrator
 * reprocesses the file; FAILED waits for its next attempt; SKIPPED was recorded while processing was off.
 */
public enum JobStatus {
  /** A new job (a file's first run, or a reprocess) waiting for its first attempt. */
  QUEUED,
  /** Processing was switched off when the file landed; reprocessing runs it later. */
  SKIPPED,
  /** An attempt is claimed and in flight. */
  RUNNING,
  /** The endpoint answered 2xx. */
  SUCCEEDED,
  /** A timeout, a network failure, a 5xx or a 429: retried at {@code nextAttemptAt}. */
  FAILED,
  /** The endpoint refused the file (a 4xx other than 429, or a redirect): never retried. */
  REJECTED,
  /** Failed on every allowed attempt. */
  DEAD;

  /** Whether a worker may claim the job's next attempt (when it is due). */
  public boolean isClaimable() {
    return this == QUEUED || this == FAILED;
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == REJECTED || this == DEAD;
  }
}
