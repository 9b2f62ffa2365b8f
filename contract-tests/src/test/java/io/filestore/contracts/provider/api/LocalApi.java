package io.filestore.contracts.provider.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/** One caller of the local stack's API, for provider states: real files made the way a client makes them. */
final class LocalApi {
  /** The local stack's bucket and table. */
  static final String NAME = "filestore-local";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Created(String id, JsonNode ticket) {}

  private final String apiUrl;
  private final String key;

  LocalApi(String apiUrl, String key) {
    this.apiUrl = apiUrl;
    this.key = key;
  }

  static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  Created create(String name, String contentType, byte[] body) throws Exception {
    JsonNode created = call("POST", "/files", JSON.createObjectNode().put("name", name).put("contentType", contentType)
        .put("size", body.length).toString(), 201);
    return new Created(created.path("file").path("id").asText(), created.path("upload"));
  }

  String uploaded(String name, String contentType, byte[] body) throws Exception {
    Created created = create(name, contentType, body);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.ticket().path("url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    created.ticket().path("headers").fields().forEachRemaining(h -> {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        put.header(h.getKey(), h.getValue().asText());
      }
    });
    HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the upload failed: " + response.statusCode() + " " + response.body());
    }
    awaitState(created.id(), "UPLOADED");
    return created.id();
  }

  String stored(String name, String contentType, byte[] body) throws Exception {
    String id = uploaded(name, contentType, body);
    call("POST", "/files/" + id + "/store", null, 200);
    return id;
  }

  String nextCursor(int limit) throws Exception {
    String cursor = call("GET", "/files?limit=" + limit, null, 200).path("nextCursor").asText(null);
    if (cursor == null) {
      throw new IllegalStateException("a page of " + limit + " has no next page");
    }
    return cursor;
  }

  private void awaitState(String id, String state) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (state.equals(call("GET", "/files/" + id, null, 200).path("state").asText())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("file " + id + " did not become " + state + " within 20 s");
  }

  private JsonNode call(String method, String path, String body, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path)).header("x-api-key", key)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }
}
