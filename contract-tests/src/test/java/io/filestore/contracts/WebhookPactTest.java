package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.filestore.adapters.http.HttpProcessingClient;
import io.filestore.domain.processing.AttemptResult;
import io.filestore.domain.processing.JobStatus;
import io.filestore.domain.processing.Webhook;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook as Filestore's contract with the partner's processing endpoint, for the partner to verify:
 * the signed JSON POST, and the answers Filestore tells apart. Each test sends through the real
 * {@link HttpProcessingClient} to the mock endpoint and checks how the answer is classified. The signature
 * is matched by shape only: its value depends on the secret and the time, which the partner's verification
 * supplies itself (it re-signs with its own secret).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.PROCESSING_ENDPOINT, pactVersion = PactSpecVersion.V4)
class WebhookPactTest {
  static final String PATH = "/processing";
  static final String JOB_ID = "0193c4f1a2b3c4d5e6f708192a3b4c5d";
  static final String FILE_ID = "3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6";
  static final String COLLECTION_ID = "9b1e4c7a2d5f48e3b6a0c1d2e3f4a5b6";
  static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
  private static final String DOWNLOAD_URL = "https://filestore-files-prod.s3.eu-west-1.amazonaws.com/uploads/" + FILE_ID
      + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=" + "ab".repeat(32);

  /** The body of the first attempt at a PDF's job; with a collection or without (then the key is absent). */
  private static DslPart body(boolean inCollection) {
    return newJsonBody(o -> {
      o.stringMatcher("jobId", "[0-9a-f]{32}", JOB_ID);
      o.integerType("attempt", 1);
      o.stringMatcher("fileId", "[0-9a-f]{32}", FILE_ID);
      o.stringType("name", "scan.pdf");
      o.stringType("contentType", "application/pdf");
      o.integerType("size", 1048576);
      o.object("metadata", m -> m.stringType("title", "Invoice 42"));
      if (inCollection) {
        o.stringMatcher("collectionId", "[0-9a-f]{32}", COLLECTION_ID);
      }
      o.stringMatcher("downloadUrl", "https?://\\S+", DOWNLOAD_URL);
      o.stringMatcher("downloadExpiresAt", INSTANT, "2026-11-21T10:05:00Z");
      o.stringMatcher("sentAt", INSTANT, "2026-11-21T10:00:00Z");
    }).build();
  }

  /** The one request of every interaction: what a partner verifies and deduplicates with. */
  private static PactDslResponse post(PactDslWithProvider builder, String state, String description, boolean inCollection) {
    return builder.given(state)
        .uponReceiving(description)
        .method("POST")
        .path(PATH)
        .headers("Content-Type", "application/json")
        .matchHeader("User-Agent", "Filestore-Processing/\\d+", "Filestore-Processing/1")
        .matchHeader("X-Filestore-Signature", "t=\\d+,v1=[0-9a-f]{64}", "t=1763719200,v1=" + "0f".repeat(32))
        .matchHeader("Idempotency-Key", "[0-9a-f]{32}:\\d+", JOB_ID + ":1")
        .body(body(inCollection))
        .willRespondWith();
  }

  @Pact(consumer = Pacticipants.PROCESSING)
  V4Pact accepted(PactDslWithProvider builder) {
    return post(builder, "the endpoint accepts jobs", "a job the endpoint accepts", true)
        .status(200)
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.PROCESSING)
  V4Pact failing(PactDslWithProvider builder) {
    return post(builder, "the endpoint is failing", "a job while the endpoint fails", false)
        .status(500)
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.PROCESSING)
  V4Pact throttling(PactDslWithProvider builder) {
    return post(builder, "the endpoint is throttling", "a job while the endpoint throttles", false)
        .status(429)
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.PROCESSING)
  V4Pact refusing(PactDslWithProvider builder) {
    return post(builder, "the endpoint refuses the job", "a job the endpoint refuses", false)
        .status(400)
        .toPact(V4Pact.class);
  }

  /** Sends the first attempt of the example job to the mock endpoint, as the job runner does. */
  private static AttemptResult send(MockServer endpoint, boolean inCollection) throws Exception {
    Instant now = Instant.now();
    Webhook webhook = new Webhook(URI.create(endpoint.getUrl() + PATH), Duration.ofSeconds(5),
        "partner-secret".getBytes(StandardCharsets.UTF_8), JOB_ID + ":1",
        new Webhook.Payload(JOB_ID, 1, FILE_ID, "scan.pdf", "application/pdf", 1048576, Map.of("title", "Invoice 42"),
            inCollection ? COLLECTION_ID : null, new URL(DOWNLOAD_URL), now.plusSeconds(300), now));
    return new HttpProcessingClient(Clock.systemUTC()).send(webhook);
  }

  @Test
  @PactTestFor(pactMethod = "accepted")
  void a2xxAnswerSucceeds(MockServer endpoint) throws Exception {
    AttemptResult result = send(endpoint, true);
    assertEquals(200, result.statusCode());
    assertEquals(JobStatus.SUCCEEDED, result.classify());
  }

  @Test
  @PactTestFor(pactMethod = "failing")
  void a5xxAnswerFailsAndIsRetried(MockServer endpoint) throws Exception {
    assertEquals(JobStatus.FAILED, send(endpoint, false).classify());
  }

  @Test
  @PactTestFor(pactMethod = "throttling")
  void a429AnswerFailsAndIsRetried(MockServer endpoint) throws Exception {
    assertEquals(JobStatus.FAILED, send(endpoint, false).classify());
  }

  @Test
  @PactTestFor(pactMethod = "refusing")
  void a4xxAnswerIsRejectedForGood(MockServer endpoint) throws Exception {
    assertEquals(JobStatus.REJECTED, send(endpoint, false).classify());
  }
}
