package io.filestore.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stand-in for the partner's processing endpoint. It verifies {@code X-Filestore-Signature} with the
 * shared secret as a partner would (401 and a JSON problem when it does not verify), then answers as it
 * was told: 200 with {@code {"received":"<jobId>"}}, 500, 429, 400, or {@code timeout}, which holds the
 * request past any caller's timeout and then closes the connection without an answer. It records every call.
 *
 * <p>Under its base path: the endpoint itself ({@code POST <base>}, where {@code ?answer=500} and
 * {@code &hold=SECONDS} decide for that one request), {@code <base>/control} ({@code GET} the answer,
 * {@code PUT} {@code {"answer":"500","times":2,"holdSeconds":3}}; without times, until changed) and
 * {@code <base>/calls} ({@code GET} them as JSON, {@code DELETE} to forget them). Mount it on a server
 * with {@code createContext(basePath(), receiver)}, or {@link #start} it on a port of its own.
 */
public final class ProcessingReceiver implements HttpHandler, AutoCloseable {
  public static final String SIGNATURE_HEADER = "X-Filestore-Signature";
  /** Longer than the longest attempt the settings allow (60 s). */
  public static final Duration DEFAULT_HOLD = Duration.ofSeconds(65);
  /** How far a signature's timestamp may be from now. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final int MAX_BODY = 1024 * 1024;
  private static final int KEPT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the endpoint answers. */
  public enum Answer {
    OK("200", 200), SERVER_ERROR("500", 500), TOO_MANY_REQUESTS("429", 429), BAD_REQUEST("400", 400), TIMEOUT("timeout", 0);

    private final String label;
    private final int status;

    Answer(String label, int status) {
      this.label = label;
      this.status = status;
    }

    /** "200", "500", "429", "400" or "timeout", as the control path and the query string spell it. */
    public String label() {
      return label;
    }

    public static Answer parse(String text) {
      for (Answer answer : values()) {
        if (answer.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
          return answer;
        }
      }
      throw new IllegalArgumentException("the receiver answers 200, 500, 429, 400 or timeout, not '" + text + "'");
    }
  }

  /**
   * One call to the endpoint: when, what came (headers with the server's capitalisation; use {@link #header}),
   * whether the signature verified (and if not, why), and what was answered (status 0 for timeout).
   */
  public record Call(Instant at, String method, String path, String query, Map<String, List<String>> headers, String body,
      boolean signatureVerified, String signatureProblem, String answer, int status) {

    public String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
      return null;
    }

    public String idempotencyKey() {
      return header("Idempotency-Key");
    }

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("at", at.toString());
      node.put("method", method);
      node.put("path", path);
      node.put("query", query);
      node.put("idempotencyKey", idempotencyKey());
      node.put("signature", header(SIGNATURE_HEADER));
      node.put("signatureVerified", signatureVerified);
      node.put("signatureProblem", signatureProblem);
      node.put("answer", answer);
      if (status == 0) {
        node.putNull("status");
      } else {
        node.put("status", status);
      }
      ObjectNode h = node.putObject("headers");
      headers.forEach((name, values) -> values.forEach(h.putArray(name)::add));
      node.put("body", body);
      return node;
    }
  }

  private final String basePath;
  private final Supplier<String> secret;
  private final WebhookVerifier verifier;
  private final ScheduledExecutorService releases;
  private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();
  private final List<Call> calls = new ArrayList<>();
  private Answer answer = Answer.OK;
  private int remaining = -1;
  private Duration hold = DEFAULT_HOLD;
  private HttpServer ownServer;
  private ExecutorService ownExecutor;

  /**
   * A receiver to mount on a server of the caller's at {@code basePath}.
   *
   * @param secret the shared secret, read at each call, so that it may follow a setting that changes
   */
  public ProcessingReceiver(String basePath, Supplier<String> secret) {
    this(basePath, secret, Clock.systemUTC());
  }

  ProcessingReceiver(String basePath, Supplier<String> secret, Clock clock) {
    if (!basePath.startsWith("/") || basePath.endsWith("/")) {
      throw new IllegalArgumentException("the base path starts with '/' and does not end with one: '" + basePath + "'");
    }
    this.basePath = basePath;
    this.secret = secret;
    this.verifier = new WebhookVerifier(clock, TOLERANCE);
    this.releases = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "receiver-holds");
      t.setDaemon(true);
      return t;
    });
  }

  /** A receiver on its own server at {@code http://127.0.0.1:<port>/receiver}; port 0 takes any free one. */
  public static ProcessingReceiver start(int port, String secret) {
    return start(port, () -> secret);
  }

  public static ProcessingReceiver start(int port, Supplier<String> secret) {
    ProcessingReceiver receiver = new ProcessingReceiver("/receiver", secret);
    try {
      receiver.ownServer = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("The receiver cannot listen on port " + port, e);
    }
    receiver.ownExecutor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "receiver");
      t.setDaemon(true);
      return t;
    });
    receiver.ownServer.setExecutor(receiver.ownExecutor);
    receiver.ownServer.createContext(receiver.basePath, receiver);
    receiver.ownServer.start();
    return receiver;
  }

  public String basePath() {
    return basePath;
  }

  /** The endpoint's URL, for a receiver {@link #start started} on its own port. */
  public URI url() {
    if (ownServer == null) {
      throw new IllegalStateException("this receiver is mounted on another server; its URL is that server's plus " + basePath);
    }
    return URI.create("http://127.0.0.1:" + ownServer.getAddress().getPort() + basePath);
  }

  /** Answers every call this way until told otherwise. */
  public synchronized void answer(Answer answer) {
    this.answer = answer;
    this.remaining = -1;
  }

  /** Answers the next {@code times} calls this way, then 200 again. */
  public synchronized void answer(Answer answer, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, not " + times);
    }
    this.answer = answer;
    this.remaining = times;
  }

  /** How long {@code timeout} holds a request before it closes the connection. */
  public synchronized void hold(Duration hold) {
    if (hold.isNegative()) {
      throw new IllegalArgumentException("the hold cannot be negative");
    }
    this.hold = hold;
  }

  public synchronized Answer currentAnswer() {
    return answer;
  }

  /** Every call so far (the latest thousand), oldest first. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /**
   * Waits until at least {@code count} calls were made.
   *
   * @return the calls so far, which are fewer than {@code count} if {@code timeout} passed first
   */
  public List<Call> awaitCalls(int count, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (calls) {
      while (calls.size() < count) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(calls, left);
      }
      return List.copyOf(calls);
    }
  }

  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }

  /** The calls as {@code {"calls":[...]}}, as {@code GET <base>/calls} lists them. */
  public String callsJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("calls");
    calls().forEach(c -> list.add(c.toJson()));
    return root.toPrettyString();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean keepOpen = false;
    try {
      String path = exchange.getRequestURI().getRawPath();
      String rest = path.startsWith(basePath) ? path.substring(basePath.length()) : null;
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      if (rest == null || !(rest.isEmpty() || rest.startsWith("/"))) {
        send(exchange, 404, problem("Not Found", 404, "nothing at " + path));
      } else if (rest.equals("/control")) {
        control(exchange, method);
      } else if (rest.equals("/calls")) {
        if (method.equals("GET")) {
          send(exchange, 200, callsJson());
        } else if (method.equals("DELETE")) {
          clear();
          exchange.sendResponseHeaders(204, -1);
        } else {
          notAllowed(exchange, "GET, DELETE");
        }
      } else if (!method.equals("POST")) {
        notAllowed(exchange, "POST");
      } else {
        keepOpen = receive(exchange);
      }
    } catch (RuntimeException e) {
      send(exchange, 500, problem("Receiver failure", 500, e.toString()));
    } finally {
      if (!keepOpen) {
        exchange.close();
      }
    }
  }

  /** Lets go of held requests and stops the receiver's own server, if it has one. */
  @Override
  public void close() {
    releases.shutdownNow();
    held.forEach(ProcessingReceiver::release);
    held.clear();
    if (ownServer != null) {
      ownServer.stop(0);
      ownExecutor.shutdownNow();
    }
  }

  /** @return true when the request is held open, to be closed later */
  private boolean receive(HttpExchange exchange) throws IOException {
    Instant at = Instant.now();
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    String query = exchange.getRequestURI().getRawQuery();
    String text = new String(body, StandardCharsets.UTF_8);
    String secretValue = secret.get();
    String problem = verifier.problem(exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER), body,
        secretValue == null ? null : secretValue.getBytes(StandardCharsets.UTF_8));
    if (problem != null) {
      record(new Call(at, "POST", exchange.getRequestURI().getRawPath(), query, headers, text, false, problem, "401", 401));
      send(exchange, 401, problem("Signature did not verify", 401, problem));
      return false;
    }
    Map<String, String> params = query(query);
    Answer chosen;
    Duration holdFor;
    try {
      chosen = params.containsKey("answer") ? Answer.parse(params.get("answer")) : next();
      holdFor = params.containsKey("hold") ? Duration.ofSeconds(Long.parseLong(params.get("hold"))) : currentHold();
    } catch (IllegalArgumentException e) {
      record(new Call(at, "POST", exchange.getRequestURI().getRawPath(), query, headers, text, true, null, "400", 400));
      send(exchange, 400, problem("Bad receiver query", 400, "?answer= takes 200, 500, 429, 400 or timeout, and &hold= seconds"));
      return false;
    }
    record(new Call(at, "POST", exchange.getRequestURI().getRawPath(), query, headers, text, true, null, chosen.label(), chosen.status));
    switch (chosen) {
      case OK -> send(exchange, 200, JSON.createObjectNode().put("received", jobId(text, headers)).toString());
      case SERVER_ERROR -> send(exchange, 500, problem("Internal Server Error", 500, "the receiver was told to fail"));
      case TOO_MANY_REQUESTS -> {
        exchange.getResponseHeaders().add("Retry-After", "1");
        send(exchange, 429, problem("Too Many Requests", 429, "the receiver was told to throttle"));
      }
      case BAD_REQUEST -> send(exchange, 400, problem("Bad Request", 400, "the receiver was told to refuse the job"));
      case TIMEOUT -> {
        // Held without a thread: the connection stays open, unanswered, until the release closes it.
        held.add(exchange);
        try {
          releases.schedule(() -> {
            held.remove(exchange);
            release(exchange);
          }, holdFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
          held.remove(exchange);
          return false;
        }
        return true;
      }
      default -> throw new IllegalStateException(chosen.toString());
    }
    return false;
  }

  private void control(HttpExchange exchange, String method) throws IOException {
    if (method.equals("PUT") || method.equals("POST")) {
      JsonNode input;
      try {
        input = JSON.readTree(exchange.getRequestBody().readNBytes(64 * 1024));
      } catch (IOException e) {
        send(exchange, 400, problem("Bad control request", 400, "send JSON such as {\"answer\":\"500\",\"times\":2,\"holdSeconds\":3}"));
        return;
      }
      try {
        if (input == null || !input.isObject()) {
          throw new IllegalArgumentException("send a JSON object such as {\"answer\":\"500\"}");
        }
        if (input.has("holdSeconds")) {
          if (!input.path("holdSeconds").canConvertToLong() || input.path("holdSeconds").asLong() < 0) {
            throw new IllegalArgumentException("holdSeconds takes a whole number of seconds, 0 or more");
          }
          hold(Duration.ofSeconds(input.path("holdSeconds").asLong()));
        }
        if (input.has("answer")) {
          Answer chosen = Answer.parse(input.path("answer").asText());
          if (input.hasNonNull("times")) {
            answer(chosen, input.path("times").asInt(0));
          } else {
            answer(chosen);
          }
        }
      } catch (IllegalArgumentException e) {
        send(exchange, 400, problem("Bad control request", 400, e.getMessage()));
        return;
      }
    } else if (!method.equals("GET")) {
      notAllowed(exchange, "GET, PUT, POST");
      return;
    }
    send(exchange, 200, state().toString());
  }

  private synchronized ObjectNode state() {
    ObjectNode node = JSON.createObjectNode();
    node.put("answer", answer.label());
    if (remaining < 0) {
      node.putNull("times");
    } else {
      node.put("times", remaining);
    }
    node.put("holdSeconds", hold.toSeconds());
    return node;
  }

  /** The answer for this call; a counted answer is used up, then the receiver goes back to 200. */
  private synchronized Answer next() {
    Answer chosen = answer;
    if (remaining > 0 && --remaining == 0) {
      answer = Answer.OK;
      remaining = -1;
    }
    return chosen;
  }

  private synchronized Duration currentHold() {
    return hold;
  }

  private void record(Call call) {
    synchronized (calls) {
      calls.add(call);
      while (calls.size() > KEPT) {
        calls.remove(0);
      }
      calls.notifyAll();
    }
  }

  /** The job the body names, or the idempotency key when the body names none. */
  private static String jobId(String body, Map<String, List<String>> headers) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("jobId")) {
        return node.path("jobId").asText();
      }
    } catch (IOException e) {
      // Not JSON: the idempotency key is all there is.
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Idempotency-Key") && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static String problem(String title, int status, String detail) {
    return JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).toString();
  }

  private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().add("Allow", allow);
    send(exchange, 405, problem("Method Not Allowed", 405, "use " + allow));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void release(HttpExchange exchange) {
    try {
      exchange.close();
    } catch (RuntimeException e) {
      // Already closed by the client or by the server's stop.
    }
  }
}
