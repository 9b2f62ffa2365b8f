package io.filestore.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built sample web client (web/dist), served beside the API on the same port, as CloudFront serves
 * it: the content types, cache headers and security headers of wiring/web-hosting.json. It has no route
 * of the API's: a path is served only when the spec routes nothing there. config.json is generated, so
 * the page learns the API URL at run time, never at build time.
 */
final class StaticSite {
  /** A file, or (when location is set) a redirect to the folder's slash form so relative links work. */
  record Page(byte[] body, String location, Map<String, String> headers) {}

  private final Path root;
  private final String configJson;
  private final WebHosting hosting;
  private final Map<String, String> securityHeaders;

  /**
   * @param apiOrigin what the policy's {api} stands for
   * @param filesOrigin the files bucket's origin in presigned URLs, for {files}
   */
  StaticSite(Path root, String configJson, WebHosting hosting, String apiOrigin, String filesOrigin) {
    this.root = root.toAbsolutePath().normalize();
    this.configJson = configJson;
    this.hosting = hosting;
    this.securityHeaders = hosting.securityHeaders(apiOrigin, filesOrigin);
  }

  boolean built() {
    return Files.isRegularFile(root.resolve("index.html"));
  }

  /** @return the file for this decoded path, or null when there is none (or it lies outside the site) */
  Page find(String path) throws IOException {
    if (path.equals("/config.json")) {
      return page(configJson.getBytes(StandardCharsets.UTF_8), "config.json", hosting.configCache());
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
      return Files.isRegularFile(file.resolve("index.html")) ? new Page(null, path + "/", securityHeaders) : null;
    }
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String name = root.relativize(file).toString().replace('\\', '/');
    return page(Files.readAllBytes(file), name, hosting.cacheControl(name));
  }

  private Page page(byte[] body, String name, String cacheControl) {
    Map<String, String> headers = new LinkedHashMap<>(securityHeaders);
    String type = hosting.contentType(name);
    headers.put("Content-Type", type == null ? "application/octet-stream" : type);
    headers.put("Cache-Control", cacheControl);
    return new Page(body, null, headers);
  }
}
