package io.filestore.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the pacts cover, compared with the spec and the wiring: every operation of the spec with every
 * status code it documents has an HTTP interaction with filestore-api, and every other function has
 * message or synchronous interactions. Prints the coverage table; fails on any gap.
 */
class ContractCoverageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> PACTS = new ArrayList<>();
  private static final List<String> REPORT = new ArrayList<>();

  @BeforeAll
  static void readPacts() throws IOException {
    Path dir = Path.of(System.getProperty("pact.dir", "target/pacts"));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        PACTS.add(JSON.readTree(file.toFile()));
      }
    }
    assertFalse(PACTS.isEmpty(), "no pact files in " + dir);
    Map<String, Integer> byType = new TreeMap<>();
    for (JsonNode pact : PACTS) {
      pact.path("interactions").forEach(i -> byType.merge(i.path("type").asText(), 1, Integer::sum));
      report("  %-58s %3d interactions", pact.path("consumer").path("name").asText() + " -> "
          + pact.path("provider").path("name").asText(), pact.path("interactions").size());
    }
    report("  by type: %s", byType);
  }

  /** The report goes to the console and to target/contract-coverage.txt, which ./filestore test prints. */
  @AfterAll
  static void writeReport() throws IOException {
    Files.write(Path.of("target", "contract-coverage.txt"), REPORT);
  }

  private static void report(String format, Object... args) {
    String line = String.format(format, args);
    REPORT.add(line);
    System.out.println(line);
  }

  @Test
  void everyOperationAndDocumentedStatusHasAnInteraction() throws IOException {
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../openapi/filestore.yaml").toFile());
    Map<String, TreeSet<String>> documented = new TreeMap<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (op.getValue().isObject() && op.getValue().has("responses") && !op.getValue().path("x-internal").asBoolean(false)) {
        TreeSet<String> statuses = new TreeSet<>();
        op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
        documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), statuses);
      }
    }));
    Map<String, TreeSet<String>> covered = new TreeMap<>();
    Map<String, TreeSet<String>> consumers = new TreeMap<>();
    for (JsonNode pact : PACTS) {
      if (!pact.path("provider").path("name").asText().equals(Pacticipants.API)) {
        continue;
      }
      for (JsonNode interaction : pact.path("interactions")) {
        if (!interaction.path("type").asText().startsWith("Synchronous/HTTP")) {
          continue;
        }
        String operation = operationOf(documented.keySet(), interaction.path("request").path("method").asText(),
            interaction.path("request").path("path").asText());
        assertTrue(operation != null, "an interaction matches no operation of the spec: " + interaction.path("description"));
        covered.computeIfAbsent(operation, o -> new TreeSet<>()).add(interaction.path("response").path("status").asText());
        consumers.computeIfAbsent(operation, o -> new TreeSet<>()).add(pact.path("consumer").path("name").asText());
      }
    }
    List<String> gaps = new ArrayList<>();
    report("Contract coverage of openapi/filestore.yaml (operation, documented statuses, missing ones, consumers):");
    documented.forEach((operation, statuses) -> {
      TreeSet<String> missing = new TreeSet<>(statuses);
      missing.removeAll(covered.getOrDefault(operation, new TreeSet<>()));
      report("  %-26s %s %s %s", operation, statuses, missing.isEmpty() ? "none missing" : "MISSING " + missing,
          consumers.getOrDefault(operation, new TreeSet<>()));
      missing.forEach(status -> gaps.add(operation + " " + status));
    });
    assertTrue(gaps.isEmpty(), "no interaction covers " + gaps);
  }

  @Test
  void everyOtherFunctionHasMessageOrSynchronousInteractions() throws IOException {
    JsonNode wiring = JSON.readTree(Path.of("../wiring/filestore.json").toFile());
    List<String> gaps = new ArrayList<>();
    wiring.path("functions").fieldNames().forEachRemaining(name -> {
      if (name.equals("api")) {
        return;
      }
      String pacticipant = "filestore-" + name;
      int messages = 0;
      for (JsonNode pact : PACTS) {
        boolean involved = pact.path("consumer").path("name").asText().equals(pacticipant)
            || pact.path("provider").path("name").asText().equals(pacticipant);
        for (JsonNode interaction : pact.path("interactions")) {
          String type = interaction.path("type").asText();
          if (involved && (type.equals("Asynchronous/Messages") || type.equals("Synchronous/Messages"))) {
            messages++;
          }
        }
      }
      report("  %-26s %d message and synchronous interactions", pacticipant, messages);
      if (messages == 0) {
        gaps.add(pacticipant);
      }
    });
    assertTrue(gaps.isEmpty(), "functions with no message or synchronous interaction: " + gaps);
  }

  /** The spec operation whose path template matches a concrete path, as API Gateway routes it. */
  static String operationOf(Iterable<String> operations, String method, String path) {
    String[] actual = path.replaceAll("^/|/$", "").split("/", -1);
    for (String operation : operations) {
      String[] parts = operation.split(" ", 2);
      if (!parts[0].equalsIgnoreCase(method)) {
        continue;
      }
      String[] template = parts[1].replaceAll("^/|/$", "").split("/", -1);
      boolean matches = template.length == actual.length;
      for (int i = 0; matches && i < template.length; i++) {
        matches = template[i].startsWith("{") ? !actual[i].isEmpty() : template[i].equals(actual[i]);
      }
      if (matches) {
        return operation;
      }
    }
    return null;
  }
}
