package io.filestore.domain.processing;

import java.time.Instant;

/**
 * A file's current processing job: one per file. {@code jobId} names the job a reprocess started;
 * {@code attempt} counts its calls to the endpoint and, with the job id, is the receiver's idempotency key,
 * so a duplicated delivery of one attempt is recognisable. {@code version} guards every write.
 */
public record ProcessingJob(
    String fileId,
    String jobId,
    JobStatus status,
    int attempt,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    String result,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** The {@code Idempotency-Key} of the current attempt. */
  public String idempotencyKey() {
    return jobId + ":" + attempt;
  }
}
