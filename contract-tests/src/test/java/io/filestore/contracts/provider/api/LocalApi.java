package io.filestore.contracts.provider.api;

import io.filestore.domain.Principals;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One caller of the local stack's API, for provider states: real files, collections and members made the
 * way a client makes them.
 */
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

  /** This caller's principal. */
  String principal() {
    return Principals.ofApiKey(key);
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

  /** Starts an upload into a collection: a PENDING file of the collection. */
  Created createIn(String cid, String name, String contentType, byte[] body) throws Exception {
    JsonNode created = call("POST", "/collections/" + cid + "/files", JSON.createObjectNode().put("name", name)
        .put("contentType", contentType).put("size", body.length).toString(), 201);
    return new Created(created.path("file").path("id").asText(), created.path("upload"));
  }

  String uploaded(String name, String contentType, byte[] body) throws Exception {
    return upload(create(name, contentType, body), body);
  }

  /** An UPLOADED file of a collection. */
  String uploadedIn(String cid, String name, String contentType, byte[] body) throws Exception {
    return upload(createIn(cid, name, contentType, body), body);
  }

  /** Sends the bytes with the ticket, as a client does, and waits until S3's notification made the file UPLOADED. */
  private String upload(Created created, byte[] body) throws Exception {
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

  /** A STORED file of a collection. */
  String storedIn(String cid, String name, String contentType, byte[] body) throws Exception {
    String id = uploadedIn(cid, name, contentType, body);
    call("POST", "/files/" + id + "/store", null, 200);
    return id;
  }

  /** Creates a collection; {@code request} is a CreateCollectionRequest. Returns the Collection. */
  JsonNode createCollection(JsonNode request) throws Exception {
    return call("POST", "/collections", request.toString(), 201);
  }

  /** A collection with a name only, the deployment's policy; returns its id. */
  String createCollection(String name) throws Exception {
    return createCollection(JSON.createObjectNode().put("name", name)).path("id").asText();
  }

  /** Adds a member or changes a member's role. */
  void putMember(String cid, String principal, String role) throws Exception {
    call("PUT", "/collections/" + cid + "/members/" + principal, JSON.createObjectNode().put("role", role).toString(), 200);
  }

  String nextCursor(int limit) throws Exception {
    return nextCursor("/files", limit);
  }

  /** The nextCursor of the first page of {@code limit} items of a listing ({@code /files}, {@code /collections}...). */
  String nextCursor(String listing, int limit) throws Exception {
    String cursor = call("GET", listing + "?limit=" + limit, null, 200).path("nextCursor").asText(null);
    if (cursor == null) {
      throw new IllegalStateException("a page of " + limit + " of " + listing + " has no next page");
    }
    return cursor;
  }

  /** The file's job history, as whoever may read the file sees it. */
  JsonNode jobs(String id) throws Exception {
    return call("GET", "/files/" + id + "/jobs", null, 200);
  }

  /** Waits until the pipeline brought the file's current job to {@code status}. */
  JsonNode awaitJob(String id, String status) throws Exception {
    long deadline = System.nanoTime() + 40_000_000_000L;
    JsonNode history = jobs(id);
    while (!status.equals(history.path("job").path("status").asText())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job of file " + id + " did not become " + status + " within 40 s: " + history);
      }
      Thread.sleep(50);
      history = jobs(id);
    }
    return history;
  }

  /** The processing settings and the jobs by state; this caller must be an administrator. */
  JsonNode processing() throws Exception {
    return call("GET", "/admin/processing", null, 200);
  }

  /**
   * Waits, at most {@code seconds}, until no job is queued or running (as an administrator sees the
   * counts), so that what a state does next with the endpoint meets no job of an earlier state.
   * @return whether the pipeline was idle in time
   */
  boolean awaitIdle(int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode counts = processing().path("counts");
      if (counts.path("queued").asLong() == 0 && counts.path("running").asLong() == 0) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** The status the API answers this caller, for checks of what the gateway and the function refuse. */
  int statusOf(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path)).header("x-api-key", key)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Tells the local stack's built-in processing endpoint how to answer ({@code {"answer":"timeout","times":1}},
   * {@code {"answer":"200"}}...). It is the stack's own test receiver, outside the API: no key.
   */
  void receiver(String control) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/_local/receiver/control"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(control)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the receiver refused " + control + ": " + response.statusCode() + " " + response.body());
    }
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
