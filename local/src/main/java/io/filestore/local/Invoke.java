package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./filestore invoke FUNCTION --event FILE|-}: runs one function once, in this fresh JVM, against
 * the running local stack (its endpoints come from local.json), and prints the result as JSON. Any wiring
 * function can be run, the process and retry functions included.
 */
public final class Invoke {
  private Invoke() {}

  public static void main(String[] args) {
    try {
      System.out.println(run(args));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("filestore invoke: " + e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("filestore invoke: the function failed: " + e);
      System.exit(1);
    } catch (IOException e) {
      System.err.println("filestore invoke: " + e.getMessage());
      System.exit(2);
    }
  }

  static String run(String[] args) throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Path data = null;
    String function = null;
    String event = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--event" -> event = args[++i];
        case "--data" -> data = Path.of(args[++i]);
        case "--root" -> root = Path.of(args[++i]);
        default -> {
          if (function != null || args[i].startsWith("--")) {
            throw new IllegalArgumentException("unexpected '" + args[i] + "'; usage: ./filestore invoke FUNCTION --event FILE|-");
          }
          function = args[i];
        }
      }
    }
    if (function == null || event == null) {
      throw new IllegalArgumentException("usage: ./filestore invoke FUNCTION --event FILE|-");
    }
    Path localJson = (data == null ? root.resolve(".filestore") : data).resolve("local.json");
    if (!Files.exists(localJson)) {
      throw new IllegalStateException(localJson + " does not exist; start the stack first with ./filestore local");
    }
    JsonNode facts = new ObjectMapper().readTree(localJson.toFile());
    Wiring wiring = Wiring.read(root.resolve("wiring/filestore.json"));
    Wiring.Function target = wiring.function(function);
    String payload = event.equals("-")
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
        : Files.readString(Path.of(event), StandardCharsets.UTF_8);
    if (!facts.hasNonNull("awsEndpoint")) {
      throw new IllegalStateException(localJson + " names no SSM, SNS and Lambda endpoint; restart the stack with ./filestore local");
    }
    try (Artifact artifact = Artifact.open(root.resolve(wiring.artifact()))) {
      FunctionHost host = new FunctionHost(target, LocalEnvironment.of(target, new LocalEnvironment.Endpoints(
          URI.create(facts.path("s3Endpoint").asText()), URI.create(facts.path("dynamodbEndpoint").asText()),
          URI.create(facts.path("awsEndpoint").asText())), false), artifact);
      return host.invoke(payload);
    }
  }
}
