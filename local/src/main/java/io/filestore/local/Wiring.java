package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * wiring/filestore.json, the same file Terraform deploys from: which functions exist, what triggers them,
 * and the settings (SSM parameters) they read.
 */
record Wiring(String artifact, String keyPrefix, List<String> runtimeEnvironment, List<Function> functions, List<Setting> settings) {

  record Function(String name, String className, String inputType, List<String> environment, JsonNode trigger) {
    String triggerType() {
      return trigger.path("type").asText();
    }
  }

  /** One SSM parameter, named relative to the settings prefix, with its type and its default. */
  record Setting(String name, String type, String defaultValue) {}

  static Wiring read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Function> functions = new ArrayList<>();
    root.path("functions").fields().forEachRemaining(f -> functions.add(new Function(f.getKey(),
        f.getValue().path("class").asText(), f.getValue().path("input").asText(),
        strings(f.getValue().path("environment")), f.getValue().path("trigger"))));
    List<Setting> settings = new ArrayList<>();
    root.path("settings").path("parameters").properties().forEach(p -> settings.add(new Setting(p.getKey(),
        p.getValue().path("type").asText("String"), p.getValue().path("default").asText())));
    return new Wiring(root.path("artifact").asText(), root.path("keyPrefix").asText(),
        strings(root.path("runtimeEnvironment")), functions, settings);
  }

  Function function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No function '" + name + "' in the wiring"));
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
