package io.filestore.domain.processing;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One call to the processing endpoint: where, how long it may take, the secret that signs the body, the
 * idempotency key of the attempt, and what the body says about the file.
 */
public record Webhook(URI endpoint, Duration timeout, byte[] secret, String idempotencyKey, Payload payload) {

  /** The body's content: the file's facts and a short-lived link to its bytes. */
  public record Payload(String jobId, int attempt, String fileId, String name, String contentType, long size,
      Map<String, String> metadata, String collectionId, URL downloadUrl, Instant downloadExpiresAt, Instant sentAt) {}
}
