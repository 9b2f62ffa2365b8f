package io.filestore.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in for the processing endpoint: its signature check, its answers, how it is told, and its record. */
class ProcessingReceiverTest {
  private static final String SECRET = "shared-secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ProcessingReceiver receiver;

  @BeforeEach
  void start() {
    receiver = ProcessingReceiver.start(0, SECRET);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  static String signature(String secret, long t, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> post(String query, String body, String signatureHeader) throws Exception {
    return post(receiver.url(), query, body, signatureHeader, Duration.ofSeconds(10));
  }

  private static HttpResponse<String> post(URI url, String query, String body, String signatureHeader, Duration timeout) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + (query == null ? "" : "?" + query))).timeout(timeout)
        .header("Content-Type", "application/json").header("Idempotency-Key", "job-1:1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signatureHeader != null) {
      request.header("X-Filestore-Signature", signatureHeader);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> signed(String query) throws Exception {
    String body = "{\"jobId\":\"job-1\",\"fileId\":\"f1\",\"attempt\":1}";
    return post(query, body, signature(SECRET, Instant.now().getEpochSecond(), body));
  }

  private HttpResponse<String> control(String method, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url() + "/control"))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedCallIsAnsweredAndRecorded() throws Exception {
    HttpResponse<String> answer = signed(null);
    assertEquals(200, answer.statusCode());
    assertEquals("{\"received\":\"job-1\"}", answer.body());
    ProcessingReceiver.Call call = receiver.calls().get(0);
    assertTrue(call.signatureVerified());
    assertNull(call.signatureProblem());
    assertEquals("job-1:1", call.idempotencyKey());
    assertEquals("{\"jobId\":\"job-1\",\"fileId\":\"f1\",\"attempt\":1}", call.body());
    assertEquals("200", call.answer());
    assertEquals(200, call.status());
    assertEquals("application/json", call.header("content-type"));
  }

  @Test
  void aCallThatIsNotSignedWithTheSecretGets401() throws Exception {
    String body = "{\"jobId\":\"job-1\"}";
    long now = Instant.now().getEpochSecond();
    List<String> headers = java.util.Arrays.asList(
        null,
        "garbage",
        signature("another-secret", now, body),
        signature(SECRET, now, "{\"jobId\":\"job-2\"}"),
        signature(SECRET, now - 3600, body),
        signature(SECRET, now + 3600, body),
        "t=" + now + ",v1=");
    for (String header : headers) {
      HttpResponse<String> refused = post(null, body, header);
      assertEquals(401, refused.statusCode(), String.valueOf(header));
      assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(null));
      JsonNode problem = JSON.readTree(refused.body());
      assertEquals(401, problem.path("status").asInt());
      assertFalse(problem.path("detail").asText().isEmpty());
    }
    assertEquals(headers.size(), receiver.calls().size());
    assertTrue(receiver.calls().stream().noneMatch(ProcessingReceiver.Call::signatureVerified));
    assertEquals(200, post(null, body, signature(SECRET, now, body) + ",v1=" + "0".repeat(64)).statusCode(),
        "one matching v1 among several is enough");
  }

  @Test
  void theToleranceIsFiveMinutesEitherWay() throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    WebhookVerifier verifier = new WebhookVerifier(Clock.fixed(now, ZoneOffset.UTC), ProcessingReceiver.TOLERANCE);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    for (long offset : new long[] {-300, 0, 300}) {
      assertNull(verifier.problem(signature(SECRET, now.getEpochSecond() + offset, "{}"), body, secret), "offset " + offset);
    }
    for (long offset : new long[] {-301, 301}) {
      assertTrue(verifier.problem(signature(SECRET, now.getEpochSecond() + offset, "{}"), body, secret).contains("minutes"));
    }
  }

  @Test
  void itAnswersAsToldFromJava() throws Exception {
    receiver.answer(ProcessingReceiver.Answer.SERVER_ERROR);
    assertEquals(500, signed(null).statusCode());
    receiver.answer(ProcessingReceiver.Answer.TOO_MANY_REQUESTS);
    HttpResponse<String> throttled = signed(null);
    assertEquals(429, throttled.statusCode());
    assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    receiver.answer(ProcessingReceiver.Answer.BAD_REQUEST);
    assertEquals(400, signed(null).statusCode());
    receiver.answer(ProcessingReceiver.Answer.SERVER_ERROR, 2);
    assertEquals(List.of(500, 500, 200, 200), List.of(signed(null).statusCode(), signed(null).statusCode(),
        signed(null).statusCode(), signed(null).statusCode()), "a counted answer, then 200 again");
    assertEquals(List.of("500", "429", "400", "500", "500", "200", "200"),
        receiver.calls().stream().map(ProcessingReceiver.Call::answer).toList());
  }

  @Test
  void itAnswersAsToldThroughItsControlPathAndPerRequest() throws Exception {
    HttpResponse<String> set = control("PUT", "{\"answer\":\"429\",\"times\":1}");
    assertEquals(200, set.statusCode(), set.body());
    assertEquals("{\"answer\":\"429\",\"times\":1,\"holdSeconds\":65}", set.body());
    assertEquals(429, signed(null).statusCode());
    assertEquals("{\"answer\":\"200\",\"times\":null,\"holdSeconds\":65}", control("GET", null).body());

    control("PUT", "{\"answer\":\"400\"}");
    assertEquals(500, signed("answer=500").statusCode(), "the query string decides for one request");
    assertEquals(400, signed(null).statusCode(), "and changes nothing else");
    assertEquals(400, signed("answer=418").statusCode());
    assertEquals(400, control("PUT", "{\"answer\":\"418\"}").statusCode());
    assertEquals(400, control("PUT", "not json").statusCode());
    assertEquals(ProcessingReceiver.Answer.BAD_REQUEST, receiver.currentAnswer(), "a refused change changes nothing");
  }

  @Test
  void timeoutHoldsTheCallPastTheCallersPatienceThenClosesIt() throws Exception {
    control("PUT", "{\"answer\":\"timeout\",\"holdSeconds\":30}");
    String body = "{\"jobId\":\"job-9\"}";
    assertThrows(HttpTimeoutException.class,
        () -> post(receiver.url(), null, body, signature(SECRET, Instant.now().getEpochSecond(), body), Duration.ofMillis(500)));
    ProcessingReceiver.Call call = receiver.awaitCalls(1, Duration.ofSeconds(5)).get(0);
    assertEquals("timeout", call.answer());
    assertEquals(0, call.status(), "nothing was answered");

    IOException closed = assertThrows(IOException.class,
        () -> post(receiver.url(), "hold=0", body, signature(SECRET, Instant.now().getEpochSecond(), body), Duration.ofSeconds(10)));
    assertFalse(closed instanceof HttpTimeoutException, "closed without an answer: " + closed);
    assertEquals(200, signed("answer=200").statusCode(), "a held call takes no thread from the others");
  }

  @Test
  void theCallsAreListedAsJsonAndCanBeForgotten() throws Exception {
    signed(null);
    post(null, "{}", null);
    HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url() + "/calls")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode calls = JSON.readTree(listed.body()).path("calls");
    assertEquals(2, calls.size());
    assertEquals("job-1:1", calls.path(0).path("idempotencyKey").asText());
    assertTrue(calls.path(0).path("signatureVerified").asBoolean());
    assertEquals(200, calls.path(0).path("status").asInt());
    assertFalse(calls.path(1).path("signatureVerified").asBoolean());
    assertEquals(401, calls.path(1).path("status").asInt());
    assertEquals("{}", calls.path(1).path("body").asText());
    assertEquals(204, HTTP.send(HttpRequest.newBuilder(URI.create(receiver.url() + "/calls")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    assertTrue(receiver.calls().isEmpty());
  }

  @Test
  void mountedOnAnotherServerItServesOnlyUnderItsPathAndFollowsTheSecret() throws Exception {
    AtomicReference<String> secret = new AtomicReference<>("first-secret-value");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(418, -1);
      exchange.close();
    });
    try (ProcessingReceiver mounted = new ProcessingReceiver("/_local/receiver", secret::get)) {
      server.createContext(mounted.basePath(), mounted);
      server.start();
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/_local/receiver");
      String body = "{\"jobId\":\"j\"}";
      long now = Instant.now().getEpochSecond();
      assertEquals(200, post(url, null, body, signature("first-secret-value", now, body), Duration.ofSeconds(10)).statusCode());
      secret.set("second-secret-value");
      assertEquals(401, post(url, null, body, signature("first-secret-value", now, body), Duration.ofSeconds(10)).statusCode());
      assertEquals(200, post(url, null, body, signature("second-secret-value", now, body), Duration.ofSeconds(10)).statusCode());
      assertEquals(418, post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files"), null, body, null,
          Duration.ofSeconds(10)).statusCode(), "the rest of the server is not the receiver's");
      assertEquals(3, mounted.calls().size());
    } finally {
      server.stop(0);
    }
  }
}
