package io.filestore.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The built sample web client (web/dist), served beside the API on the same port, as a static host
 * would serve it. It has no route of the API's: a path is served only when the spec routes nothing
 * there. config.json is generated, so the page learns the API URL at run time, never at build time.
 */
final class StaticSite {
  /** A file, or (when location is set) a redirect to the folder's slash form so relative links work. */
  record Page(String contentType, byte[] body, String location) {}

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("txt", "text/plain; charset=utf-8"));

  private final Path root;
  private final String configJson;

  StaticSite(Path root, String configJson) {
    this.root = root.toAbsolutePath().normalize();
    this.configJson = configJson;
  }

  boolean built() {
    return Files.isRegularFile(root.resolve("index.html"));
  }

  /** @return the file for this decoded path, or null when there is none (or it lies outside the site) */
  Page find(String path) throws IOException {
    if (path.equals("/config.json")) {
      return new Page(TYPES.get("json"), configJson.getBytes(StandardCharsets.UTF_8), null);
    }
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative += "index.html";
    }
    Path file;
    try {
      file = root.resolve(relative).normalize();
    } catch (RuntimeException e) {
      return null;
    }
    if (!file.startsWith(root)) {
      return null;
    }
    if (Files.isDirectory(file)) {
      return Files.isRegularFile(file.resolve("index.html")) ? new Page(null, null, path + "/") : null;
    }
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return new Page(TYPES.getOrDefault(extension, "application/octet-stream"), Files.readAllBytes(file), null);
  }
}
