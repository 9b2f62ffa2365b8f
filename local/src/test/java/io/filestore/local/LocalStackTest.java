package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./filestore local, driven over HTTP as a user drives it. */
class LocalStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path data;

  private LocalStack start(int port) throws Exception {
    return start(port, data.resolve("no-web"));
  }

  private LocalStack start(int port, Path web) throws Exception {
    LocalStack stack = new LocalStack(LocalStack.Options.parse(new String[] {
        "--root", Path.of("..").toAbsolutePath().normalize().toString(), "--data", data.toString(),
        "--port", String.valueOf(port), "--expire-every", "1h", "--web", web.toString()}));
    stack.start();
    return stack;
  }

  private static HttpResponse<String> call(String method, String url, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("x-api-key", key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWholeFlowOverHttpAndAgainAfterARestart() throws Exception {
    int port = Ports.freeTriple();
    String id;
    byte[] bytes = "hello from the local stack".getBytes(StandardCharsets.UTF_8);
    try (LocalStack stack = start(port)) {
      String api = stack.apiUrl();
      String key = stack.apiKey();
      JsonNode facts = JSON.readTree(data.resolve("local.json").toFile());
      assertEquals(api, facts.path("apiUrl").asText());
      assertEquals(key, facts.path("apiKey").asText());

      HttpResponse<String> noKey = call("GET", api + "/files", null, null);
      assertEquals(403, noKey.statusCode());
      assertEquals("urn:filestore:problem:forbidden", JSON.readTree(noKey.body()).path("type").asText());
      assertEquals("*", noKey.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "gateway responses carry CORS");
      assertEquals(403, call("GET", api + "/files", "not-a-key-of-this-stack-000", null).statusCode());
      assertEquals(403, call("GET", api + "/nowhere", key, null).statusCode(), "unknown routes answer as API Gateway does");

      HttpResponse<String> preflight = call("OPTIONS", api + "/files", null, null);
      assertEquals(204, preflight.statusCode());
      assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("X-Api-Key"));

      HttpResponse<String> created = call("POST", api + "/files", key,
          "{\"name\":\"hello.txt\",\"contentType\":\"text/plain\",\"size\":" + bytes.length + "}");
      assertEquals(201, created.statusCode(), created.body());
      JsonNode ticket = JSON.readTree(created.body()).path("upload");
      id = JSON.readTree(created.body()).path("file").path("id").asText();
      HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.path("url").asText()))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
      ticket.path("headers").fields().forEachRemaining(h -> {
        if (!h.getKey().equals("Content-Length")) {
          put.header(h.getKey(), h.getValue().asText());
        }
      });
      assertEquals(200, HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode());

      String state = null;
      for (int i = 0; i < 100 && !"UPLOADED".equals(state); i++) {
        Thread.sleep(50);
        state = JSON.readTree(call("GET", api + "/files/" + id, key, null).body()).path("state").asText();
      }
      assertEquals("UPLOADED", state, "the S3 notification reached the function");
      assertEquals(200, call("POST", api + "/files/" + id + "/store", key, null).statusCode());
      String url = JSON.readTree(call("GET", api + "/files/" + id + "/download", key, null).body()).path("url").asText();
      assertArrayEquals(bytes, HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
      HttpResponse<String> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("X-Amz-Signature=", "X-Amz-Signature=0"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(403, tampered.statusCode(), "S3 checks signatures locally too");
    }
    try (LocalStack again = start(port)) {
      HttpResponse<String> info = call("GET", again.apiUrl() + "/files/" + id, again.apiKey(), null);
      assertEquals(200, info.statusCode(), "the same key and file after a restart");
      assertEquals("STORED", JSON.readTree(info.body()).path("state").asText());
      String url = JSON.readTree(call("GET", again.apiUrl() + "/files/" + id + "/download", again.apiKey(), null).body()).path("url").asText();
      assertArrayEquals(bytes, HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
      assertEquals(204, call("DELETE", again.apiUrl() + "/files/" + id, again.apiKey(), null).statusCode());
    }
  }

  @Test
  void theGatewayValidatesRequestsAndServesTheWebClientBesideTheApi() throws Exception {
    Path web = Files.createDirectories(data.resolve("site/docs")).getParent();
    Files.writeString(web.resolve("index.html"), "<h1>Filestore</h1>");
    Files.writeString(web.resolve("docs/index.html"), "<h1>API docs</h1>");
    Files.writeString(data.resolve("secret.txt"), "outside the site");
    try (LocalStack stack = start(Ports.freeTriple(), web)) {
      String api = stack.apiUrl();
      String key = stack.apiKey();
      JsonNode facts = JSON.readTree(data.resolve("local.json").toFile());
      assertEquals(api + "/", facts.path("webUrl").asText());
      assertEquals(api + "/docs/", facts.path("docsUrl").asText());

      HttpResponse<String> missing = call("POST", api + "/files", key, "{\"name\":\"a.txt\",\"contentType\":\"text/plain\"}");
      assertEquals(400, missing.statusCode());
      assertEquals("BAD_REQUEST_BODY", missing.headers().firstValue("x-amzn-ErrorType").orElse(null), "the gateway refused it");
      JsonNode problem = JSON.readTree(missing.body());
      assertEquals("urn:filestore:problem:invalid-request", problem.path("type").asText());
      assertTrue(problem.path("detail").asText().contains("size"), problem.toString());
      assertEquals(400, call("POST", api + "/files", key, "{broken").statusCode());
      HttpResponse<String> noKey = call("POST", api + "/files", null, "{broken");
      assertEquals(403, noKey.statusCode(), "the key is checked before the body");

      HttpResponse<String> page = call("GET", api + "/", null, null);
      assertEquals(200, page.statusCode());
      assertEquals("<h1>Filestore</h1>", page.body());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
      assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(null));
      String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(policy.startsWith("default-src 'self'; script-src 'self';"), policy);
      assertTrue(policy.contains("; connect-src 'self' " + api + " " + facts.path("s3Endpoint").asText().replaceAll("/+$", "") + ";"),
          "the page may call the API and the emulated bucket, as production's may: " + policy);
      assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
      HttpResponse<String> docs = call("GET", api + "/docs", null, null);
      assertEquals(301, docs.statusCode());
      assertEquals("/docs/", docs.headers().firstValue("Location").orElse(null));
      assertEquals("<h1>API docs</h1>", call("GET", api + "/docs/", null, null).body());
      HttpResponse<String> config = call("GET", api + "/config.json", null, null);
      assertEquals(api, JSON.readTree(config.body()).path("apiUrl").asText(), "the page learns the API URL at run time");
      assertEquals("no-store", config.headers().firstValue("Cache-Control").orElse(null));
      assertEquals(403, call("GET", api + "/%2e%2e/secret.txt", null, null).statusCode(), "nothing outside the site");
      assertEquals(403, call("GET", api + "/files", null, null).statusCode(), "API routes stay the API's");
    }
  }

  @Test
  void aBuiltFileWithNoContentTypeIsRefusedAsTerraformRefusesIt() throws Exception {
    Path web = Files.createDirectories(data.resolve("site"));
    Files.writeString(web.resolve("index.html"), "<h1>Filestore</h1>");
    Files.writeString(web.resolve("model.glb"), "binary");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(Ports.freeTriple(), web));
    assertTrue(e.getMessage().contains("model.glb") && e.getMessage().contains("wiring/web-hosting.json"), e.getMessage());
  }

  @Test
  void aPortInUseIsAOneLineErrorThatNamesTheFix() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(busy.getLocalPort()));
      assertTrue(e.getMessage().contains("is in use") && e.getMessage().contains("--port"), e.getMessage());
    }
  }

  @Test
  void anUnwritableDataFolderIsAOneLineError() throws Exception {
    Path file = Files.writeString(data.resolve("not-a-folder"), "x");
    LocalStack stack = new LocalStack(LocalStack.Options.parse(new String[] {"--data", file.resolve("sub").toString()}));
    IllegalStateException e = assertThrows(IllegalStateException.class, stack::start);
    assertTrue(e.getMessage().contains("--data"), e.getMessage());
  }

  @Test
  void schedules() {
    assertEquals(Duration.ofMinutes(15), LocalStack.rate("rate(15 minutes)"));
    assertEquals(Duration.ofHours(1), LocalStack.rate("rate(1 hour)"));
    assertEquals(Duration.ofSeconds(10), LocalStack.duration("--expire-every", "10s"));
    IllegalArgumentException soon = assertThrows(IllegalArgumentException.class, () -> LocalStack.duration("--retry-every", "soon"));
    assertTrue(soon.getMessage().startsWith("--retry-every takes a duration"), soon.getMessage());
  }
}
