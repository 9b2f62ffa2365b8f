package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the developer verbs (admin, receiver) need of the running stack: its facts from local.json, and
 * one HTTP call at a time. An answer of 400 or more is a {@link Refused}, carrying the problem document.
 */
final class StackClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode facts;
  private final Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The stack answered with an error status. */
  static final class Refused extends Exception {
    private final int status;

    Refused(int status, String body) {
      super(describe(status, body));
      this.status = status;
    }

    int status() {
      return status;
    }

    private static String describe(int status, String body) {
      try {
        JsonNode problem = JSON.readTree(body);
        if (problem != null && problem.has("title")) {
          return "HTTP " + status + " " + problem.path("title").asText()
              + (problem.hasNonNull("detail") ? ": " + problem.path("detail").asText() : "");
        }
      } catch (IOException e) {
        // Not a problem document; the body says what it says.
      }
      return "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
    }
  }

  private StackClient(JsonNode facts, Path data) {
    this.facts = facts;
    this.data = data;
  }

  /** The stack whose data folder is {@code data} (default {@code <root>/.filestore}). */
  static StackClient connect(Path root, Path data) throws IOException {
    Path folder = (data == null ? root.resolve(".filestore") : data).toAbsolutePath();
    Path localJson = folder.resolve("local.json");
    if (!Files.exists(localJson)) {
      throw new IllegalStateException(localJson + " does not exist; start the stack first with ./filestore local");
    }
    return new StackClient(JSON.readTree(localJson.toFile()), folder);
  }

  JsonNode facts() {
    return facts;
  }

  Path data() {
    return data;
  }

  /** A fact the stack published in local.json, or a one-line error naming what to do. */
  String fact(String name) {
    if (!facts.hasNonNull(name)) {
      throw new IllegalStateException("local.json has no " + name + "; restart the stack with ./filestore local");
    }
    return facts.path(name).asText();
  }

  /** @return the answer's body, pretty-printed when it is JSON */
  String send(String method, String url, Map<String, String> headers, String body) throws IOException, InterruptedException, Refused {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IllegalStateException("nothing answers at " + url + "; is the stack running? (./filestore local)");
    }
    if (response.statusCode() >= 400) {
      throw new Refused(response.statusCode(), response.body());
    }
    return pretty(response.body());
  }

  static String pretty(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
    } catch (IOException e) {
      return body;
    }
  }

  /** A developer verb's work: what it prints, or the reason it failed. */
  interface Verb {
    String run() throws IOException, InterruptedException, Refused;
  }

  /** Runs a verb as a command: its output on stdout; a usage error exits 2, a refusal or I/O failure 1. */
  static void runVerb(String name, Verb verb) {
    try {
      System.out.println(verb.run());
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("filestore " + name + ": " + e.getMessage());
      System.exit(2);
    } catch (Refused e) {
      System.err.println("filestore " + name + ": " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("filestore " + name + ": " + e);
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }
}
