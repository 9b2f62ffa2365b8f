package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * wiring/web-hosting.json, the file Terraform serves the web client by (web.tf): content types, cache
 * headers and security headers. Served locally the same way, so the browser tests see production's policy.
 */
record WebHosting(Map<String, String> contentTypes, List<String> longLivedKinds, String longLivedCache,
    String revalidateCache, String configCache, List<String> contentSecurityPolicy, String frameOptions,
    String referrerPolicy, String permissionsPolicy) {

  static WebHosting read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Map<String, String> types = new LinkedHashMap<>();
    root.path("contentTypes").properties().forEach(e -> types.put(e.getKey(), e.getValue().asText()));
    JsonNode cache = root.path("cacheControl");
    return new WebHosting(types, Wiring.strings(root.path("longLivedKinds")), cache.path("longLived").asText(),
        cache.path("revalidate").asText(), cache.path("config").asText(), Wiring.strings(root.path("contentSecurityPolicy")),
        root.path("frameOptions").asText(), root.path("referrerPolicy").asText(), root.path("permissionsPolicy").asText());
  }

  /** The file's kind as web.tf reads it: the lower-case extension, or the whole name when there is none. */
  static String kind(String fileName) {
    return fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** @return the content type, or null for a kind Terraform would refuse to upload */
  String contentType(String fileName) {
    return contentTypes.get(kind(fileName));
  }

  String cacheControl(String relativePath) {
    return relativePath.startsWith("vendor/") || longLivedKinds.contains(kind(relativePath)) ? longLivedCache : revalidateCache;
  }

  /**
   * The headers every page carries, with the policy's {api} and {files} placeholders filled in. No
   * Strict-Transport-Security: browsers ignore it over plain HTTP, which is how the local stack serves.
   */
  Map<String, String> securityHeaders(String apiOrigin, String filesOrigins) {
    List<String> directives = new ArrayList<>();
    contentSecurityPolicy.forEach(d -> directives.add(d.replace("{api}", apiOrigin).replace("{files}", filesOrigins)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", String.join("; ", directives));
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", frameOptions);
    headers.put("Referrer-Policy", referrerPolicy);
    headers.put("Permissions-Policy", permissionsPolicy);
    return headers;
  }

  /** Refuses a built site that Terraform would refuse to upload: a file of a kind with no content type. */
  void checkContentTypes(Path site) throws IOException {
    if (!Files.isDirectory(site)) {
      return;
    }
    try (Stream<Path> files = Files.walk(site)) {
      Path untyped = files.filter(Files::isRegularFile).filter(f -> contentType(f.getFileName().toString()) == null)
          .findFirst().orElse(null);
      if (untyped != null) {
        throw new IllegalStateException(untyped + ": no content type for this kind of file in wiring/web-hosting.json"
            + " (contentTypes); add one rather than serve it as binary");
      }
    }
  }
}
