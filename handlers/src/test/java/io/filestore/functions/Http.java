package io.filestore.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A real HTTP client for presigned URLs: the bytes go to the S3 emulator, never through a function. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  /** PUTs {@code body} with the ticket's headers; Content-Length comes from the body, as in any client. */
  static HttpResponse<String> upload(JsonNode ticket, byte[] body) {
    return upload(ticket, body, UnaryOperator.identity());
  }

  static HttpResponse<String> upload(JsonNode ticket, byte[] body, UnaryOperator<HttpRequest.Builder> change) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.path("url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    ticket.path("headers").fields().forEachRemaining(h -> {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        request.header(h.getKey(), h.getValue().asText());
      }
    });
    return send(change.apply(request).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      try {
        return CLIENT.send(request, handler);
      } catch (IOException e) {
        // S3Proxy may answer a refused PUT and close the connection before reading the body; the client
        // can then find a pooled connection dead on the next request. One new attempt tells that apart
        // from a real failure, which fails again.
        return CLIENT.send(request, handler);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
