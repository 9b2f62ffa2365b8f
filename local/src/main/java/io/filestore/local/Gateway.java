package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * API Gateway's REST API, emulated from the spec: it routes as the spec says, requires the API key
 * where the spec does (answering with the spec's gateway responses), answers CORS preflights as the
 * spec's mock integrations do, and hands the API function the proxy event API Gateway builds,
 * request context and identity included. With a Cognito authorizer (Terraform's enable_cognito) every
 * other method also needs an ID token of the user pool, checked before the key; the pool's public key
 * is served at {@link #JWKS_PATH} either way.
 */
final class Gateway {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int MAX_BODY = 10 * 1024 * 1024;
  /** Where Cognito publishes a pool's keys, under the issuer; locally, under the API. */
  static final String JWKS_PATH = "/_local/cognito/.well-known/jwks.json";

  private final ApiSpec spec;
  private final ApiKeys keys;
  private final UserPool pool;
  private final CognitoAuthorizer authorizer;
  private final FunctionHost api;
  private final Consumer<String> log;
  private final StaticSite site;
  private final Map<String, HttpHandler> mounts;
  private final RequestValidator validator = new RequestValidator();
  private final UsagePlan usagePlan = new UsagePlan();
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param authorizer the Cognito authorizer, or null when the API has none (API keys only)
   * @param mounts local-only services served beside the API under their own paths (outside API Gateway's
   *     routes, as the user pool's keys are), such as the stand-in processing endpoint
   */
  Gateway(ApiSpec spec, ApiKeys keys, UserPool pool, CognitoAuthorizer authorizer, FunctionHost api, StaticSite site,
      Map<String, HttpHandler> mounts, Consumer<String> log) {
    this.spec = spec;
    this.mounts = Map.copyOf(mounts);
    this.site = site;
    this.keys = keys;
    this.pool = pool;
    this.authorizer = authorizer;
    this.api = api;
    this.log = log;
  }

  void start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "gateway");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    mounts.forEach(server::createContext);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      if (method.equals("GET") && path.equals(JWKS_PATH)) {
        send(exchange, 200, Map.of("Content-Type", "application/json"), pool.jwks().getBytes(StandardCharsets.UTF_8));
        return;
      }
      ApiSpec.Match match = spec.match(method, path);
      if (match == null && (method.equals("GET") || method.equals("HEAD")) && site != null) {
        StaticSite.Page page = site.find(ApiSpec.decodePath(path));
        if (page != null) {
          servePage(exchange, method, page);
          return;
        }
      }
      if (match == null) {
        // API Gateway answers an unknown route or method this way, before any key check.
        gatewayResponse(exchange, "MISSING_AUTHENTICATION_TOKEN", 403, requestId, "Missing Authentication Token");
        return;
      }
      if (match.operation().mock()) {
        send(exchange, match.operation().mockStatus(), match.operation().mockHeaders(), null);
        return;
      }
      // API Gateway runs the authorizer first: a request without a valid token never reaches the key check.
      Map<String, String> claims = null;
      if (authorizer != null) {
        claims = authorizer.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
        if (claims == null) {
          gatewayResponse(exchange, "UNAUTHORIZED", 401, requestId, "Unauthorized");
          return;
        }
      }
      ApiKeys.Key key = keys.find(exchange.getRequestHeaders().getFirst("x-api-key"));
      if (match.operation().needsApiKey() && key == null) {
        gatewayResponse(exchange, "API_KEY", 403, requestId, "Forbidden");
        return;
      }
      String refused = key == null ? null : usagePlan.admit(key);
      if (refused != null) {
        gatewayResponse(exchange, refused, 429, requestId, refused.equals("THROTTLED") ? "Too Many Requests" : "Limit Exceeded");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        gatewayResponse(exchange, "REQUEST_TOO_LARGE", 413, requestId, "Request Too Long");
        return;
      }
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      RequestValidator.Failure invalid = validator.check(match.operation().validation(), query,
          exchange.getRequestHeaders()::getFirst, body);
      if (invalid != null) {
        gatewayResponse(exchange, invalid.gatewayResponse(), 400, requestId, invalid.message(), invalid.validationErrors());
        return;
      }
      String event = event(exchange, match, query, key, claims, body, requestId);
      JsonNode response;
      try {
        response = JSON.readTree(api.invoke(event));
      } catch (RuntimeException | LinkageError e) {
        // Lambda answers an invocation whose handler threw (even a class-loading error) and the gateway
        // turns it into a 502; the emulator must too, rather than drop the connection.
        log.accept("The API function failed: " + e);
        gatewayResponse(exchange, "DEFAULT_5XX", 502, requestId, "Internal server error");
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      headers.putIfAbsent("x-amzn-RequestId", requestId);
      String text = response.path("body").isNull() ? null : response.path("body").asText(null);
      byte[] out = text == null ? null : response.path("isBase64Encoded").asBoolean()
          ? java.util.Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
      send(exchange, response.path("statusCode").asInt(502), headers, out);
    } catch (RuntimeException e) {
      log.accept("Gateway failure: " + e);
      gatewayResponse(exchange, "DEFAULT_5XX", 500, requestId, "Internal server error");
    }
  }

  private String event(HttpExchange exchange, ApiSpec.Match match, Map<String, List<String>> query, ApiKeys.Key key,
      Map<String, String> claims, byte[] body, String requestId) {
    ObjectNode event = JSON.createObjectNode();
    String path = exchange.getRequestURI().getRawPath();
    String decodedPath = ApiSpec.decodePath(path);
    event.put("resource", match.operation().resource());
    event.put("path", decodedPath);
    event.put("httpMethod", match.operation().method());
    ObjectNode headers = event.putObject("headers");
    ObjectNode multiHeaders = event.putObject("multiValueHeaders");
    exchange.getRequestHeaders().forEach((name, values) -> {
      headers.put(name, values.get(values.size() - 1));
      values.forEach(multiHeaders.putArray(name)::add);
    });
    if (query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach((name, values) -> {
        single.put(name, values.get(values.size() - 1));
        values.forEach(multi.putArray(name)::add);
      });
    }
    if (match.pathParameters().isEmpty()) {
      event.putNull("pathParameters");
    } else {
      event.set("pathParameters", JSON.valueToTree(match.pathParameters()));
    }
    event.putNull("stageVariables");
    ObjectNode context = event.putObject("requestContext");
    Instant now = Instant.now();
    context.put("resourceId", "local");
    context.put("resourcePath", match.operation().resource());
    context.put("httpMethod", match.operation().method());
    context.put("extendedRequestId", requestId);
    context.put("requestTime", REQUEST_TIME.format(now));
    context.put("path", "/local" + decodedPath);
    context.put("accountId", "000000000000");
    context.put("protocol", exchange.getProtocol());
    context.put("stage", "local");
    context.put("domainPrefix", "127");
    context.put("requestTimeEpoch", now.toEpochMilli());
    context.put("requestId", requestId);
    context.put("domainName", "127.0.0.1");
    context.put("apiId", "local");
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
    if (key != null) {
      identity.put("apiKey", key.value());
      identity.put("apiKeyId", key.id());
    }
    if (claims != null) {
      // A Cognito authorizer puts the token's claims, and nothing else, in the authorizer object.
      context.putObject("authorizer").set("claims", JSON.valueToTree(claims));
    }
    event.put("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
    event.put("isBase64Encoded", false);
    return event.toString();
  }

  private static void servePage(HttpExchange exchange, String method, StaticSite.Page page) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>(page.headers());
    if (page.location() != null) {
      headers.put("Location", page.location());
      send(exchange, 301, headers, null);
      return;
    }
    if (method.equals("HEAD")) {
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("Content-Length", String.valueOf(page.body().length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    send(exchange, 200, headers, page.body());
  }

  private void gatewayResponse(HttpExchange exchange, String type, int status, String requestId, String message)
      throws IOException {
    gatewayResponse(exchange, type, status, requestId, message, message);
  }

  private void gatewayResponse(HttpExchange exchange, String type, int status, String requestId, String message,
      String validationErrors) throws IOException {
    ApiSpec.GatewayResponse response = spec.gatewayResponse(type, status);
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("Content-Type", "application/problem+json");
    headers.put("x-amzn-ErrorType", type);
    String body = response.template().replace("$context.requestId", requestId)
        .replace("$context.error.messageString", JSON.valueToTree(message).toString())
        .replace("$context.error.validationErrorString", JSON.valueToTree(validationErrors).toString());
    send(exchange, response.status() == 0 ? status : response.status(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    boolean empty = body == null || body.length == 0 || status == 204 || status == 304;
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? null : bytes;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
