package io.filestore.domain.processing;

import java.time.Duration;
import java.time.Instant;

/** One call to the processing endpoint, as recorded in the file's job history. */
public record Attempt(String fileId, String jobId, int attempt, JobStatus outcome, Integer statusCode, Duration duration,
    String error, Instant at) {}
