package io.filestore.adapters.http;

import static io.filestore.adapters.aws.JsonBodies.optional;

import io.filestore.adapters.aws.JsonBodies;
import io.filestore.domain.processing.AttemptResult;
import io.filestore.domain.processing.Webhook;
import io.filestore.domain.processing.WebhookSignature;
import io.filestore.ports.ProcessingClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs the webhook with the JDK's HTTP client: the JSON body, its signature, and the attempt's
 * {@code Idempotency-Key}. Redirects are not followed (a redirect is an answer, and the signed request is
 * not re-sent elsewhere). The answer's body is read up to a bound; the job keeps less.
 */
public final class HttpProcessingClient implements ProcessingClient {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_ANSWER = 64 * 1024;

  private final HttpClient http;
  private final Clock clock;

  public HttpProcessingClient(Clock clock) {
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.clock = clock;
  }

  @Override
  public AttemptResult send(Webhook webhook) {
    String body = body(webhook.payload());
    HttpRequest.Builder request = HttpRequest.newBuilder(webhook.endpoint()).timeout(webhook.timeout())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers(webhook, body).forEach(request::header);
    long start = System.nanoTime();
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String answer;
      try (InputStream in = response.body()) {
        answer = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
      }
      return AttemptResult.answered(response.statusCode(), since(start), answer);
    } catch (HttpTimeoutException e) {
      return AttemptResult.noAnswer(since(start), "No answer within " + webhook.timeout().toSeconds() + " s");
    } catch (IOException e) {
      return AttemptResult.noAnswer(since(start), "The endpoint could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AttemptResult.noAnswer(since(start), "Interrupted while waiting for the endpoint");
    }
  }

  /** The request headers besides the body's: what a receiver verifies and deduplicates with. */
  public Map<String, String> headers(Webhook webhook, String body) {
    return Map.of(
        "Content-Type", "application/json",
        "User-Agent", "Filestore-Processing/1",
        WebhookSignature.HEADER, WebhookSignature.sign(webhook.secret(), clock.instant(), body),
        IDEMPOTENCY_KEY, webhook.idempotencyKey());
  }

  /** The JSON body the endpoint receives. */
  public static String body(Webhook.Payload p) {
    return JsonBodies.object(g -> {
      g.writeStringField("jobId", p.jobId());
      g.writeNumberField("attempt", p.attempt());
      g.writeStringField("fileId", p.fileId());
      g.writeStringField("name", p.name());
      g.writeStringField("contentType", p.contentType());
      g.writeNumberField("size", p.size());
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> m : new java.util.TreeMap<>(p.metadata()).entrySet()) {
        g.writeStringField(m.getKey(), m.getValue());
      }
      g.writeEndObject();
      optional(g, "collectionId", p.collectionId());
      g.writeStringField("downloadUrl", p.downloadUrl().toString());
      g.writeStringField("downloadExpiresAt", p.downloadExpiresAt().toString());
      g.writeStringField("sentAt", p.sentAt().toString());
    });
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
