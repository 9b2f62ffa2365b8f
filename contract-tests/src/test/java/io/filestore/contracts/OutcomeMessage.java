package io.filestore.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a subscriber of the outcome topic reads from one message: it filters on the message attributes
 * (status, contentType) without reading the body, then parses the body. This is the consumer's code in the
 * outcome contract, written from the README's description, as a subscriber would write it.
 */
record OutcomeMessage(String status, String contentType, String fileId, String jobId, int attempt, Integer statusCode,
    Optional<Instant> nextAttemptAt, String fileName, long size, Instant at) {
  static final String TYPE = "filestore.processing.outcome";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @throws IllegalArgumentException when the message is not an outcome, or the attributes contradict the body */
  static OutcomeMessage parse(String body, Map<String, ?> attributes) throws IOException {
    JsonNode message = JSON.readTree(body);
    if (!TYPE.equals(message.path("type").asText())) {
      throw new IllegalArgumentException("not an outcome: " + message.path("type"));
    }
    String status = String.valueOf(attributes.get("status"));
    if (!status.equals(message.path("status").asText())) {
      throw new IllegalArgumentException("the status attribute " + status + " is not the body's " + message.path("status"));
    }
    JsonNode file = message.path("file");
    return new OutcomeMessage(status, String.valueOf(attributes.get("contentType")), message.path("fileId").asText(),
        message.path("jobId").asText(), message.path("attempt").asInt(),
        message.hasNonNull("statusCode") ? message.path("statusCode").asInt() : null,
        message.hasNonNull("nextAttemptAt") ? Optional.of(Instant.parse(message.path("nextAttemptAt").asText())) : Optional.empty(),
        file.path("name").asText(), file.path("size").asLong(), Instant.parse(message.path("at").asText()));
  }

  /** Whether the subscriber should expect another message about this job: only a FAILED job is retried. */
  boolean willRetry() {
    return status.equals("FAILED") && nextAttemptAt.isPresent();
  }
}
