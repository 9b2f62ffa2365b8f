package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local API keys, kept in {@code <data>/api-keys.json} as {@code {"keys":[{"id","name","value"}]}}.
 * One is created on first start; add more by editing the file. A key may carry its usage plan's
 * limits: {@code rateLimit} (requests a second), {@code burstLimit} and {@code quotaLimit}.
 */
final class ApiKeys {
  record Key(String id, String name, String value, Double rateLimit, Integer burstLimit, Long quotaLimit) {}

  private final Map<String, Key> byValue;

  private ApiKeys(Map<String, Key> byValue) {
    this.byValue = byValue;
  }

  static ApiKeys load(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    if (!Files.exists(file)) {
      SecureRandom random = new SecureRandom();
      byte[] value = new byte[20];
      byte[] id = new byte[5];
      random.nextBytes(value);
      random.nextBytes(id);
      ObjectNode root = json.createObjectNode();
      ArrayNode keys = root.putArray("keys");
      keys.addObject().put("id", HexFormat.of().formatHex(id)).put("name", "local").put("value", HexFormat.of().formatHex(value));
      Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    Map<String, Key> keys = new LinkedHashMap<>();
    for (JsonNode k : json.readTree(file.toFile()).path("keys")) {
      Key key = new Key(k.path("id").asText(), k.path("name").asText(), k.path("value").asText(),
          k.has("rateLimit") ? k.path("rateLimit").asDouble() : null,
          k.has("burstLimit") ? k.path("burstLimit").asInt() : null,
          k.has("quotaLimit") ? k.path("quotaLimit").asLong() : null);
      if (key.value().length() < 20) {
        throw new IllegalStateException(file + ": API key '" + key.name() + "' is shorter than 20 characters, as API Gateway refuses");
      }
      keys.put(key.value(), key);
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException(file + " lists no API key");
    }
    return new ApiKeys(keys);
  }

  Key find(String value) {
    return value == null ? null : byValue.get(value);
  }

  Key first() {
    return byValue.values().iterator().next();
  }
}
