package io.filestore.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.S3Notifications;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * {@code ./filestore generate-event s3-put|s3-delete|schedule|api ...}: prints a realistic event, in the
 * exact shape AWS delivers, to feed to {@code ./filestore invoke}.
 */
public final class GenerateEvent {
  private GenerateEvent() {}

  public static void main(String[] args) {
    try {
      System.out.println(generate(args));
    } catch (IllegalArgumentException e) {
      System.err.println("filestore generate-event: " + e.getMessage());
      System.exit(2);
    }
  }

  public static String generate(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException(usage());
    }
    String key = "uploads/0123456789abcdef0123456789abcdef";
    String bucket = LocalStack.NAME;
    String method = "GET";
    String path = "/files";
    String body = null;
    String apiKey = "local-api-key-0000000000";
    long size = 1024;
    boolean dryRun = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--key" -> key = args[++i];
        case "--bucket" -> bucket = args[++i];
        case "--size" -> size = Long.parseLong(args[++i]);
        case "--method" -> method = args[++i];
        case "--path" -> path = args[++i];
        case "--body" -> body = args[++i];
        case "--api-key" -> apiKey = args[++i];
        case "--dry-run" -> dryRun = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + usage());
      }
    }
    S3Notifications notifications = new S3Notifications(Emulators.REGION);
    return switch (args[0]) {
      case "s3-put" -> notifications.toJson(notifications.created("ObjectCreated:Put", bucket, key, size,
          "d41d8cd98f00b204e9800998ecf8427e"));
      case "s3-delete" -> notifications.toJson(notifications.removed("ObjectRemoved:Delete", bucket, key));
      case "schedule" -> """
          {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",\
          "time":"%s","region":"%s","resources":["arn:aws:events:%s:000000000000:rule/filestore-expire-local"],\
          "detail":{%s}}""".formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), Emulators.REGION,
          Emulators.REGION, dryRun ? "\"dryRun\":true" : "");
      case "api" -> api(method, path, body, apiKey);
      default -> throw new IllegalArgumentException("unknown event kind '" + args[0] + "'; " + usage());
    };
  }

  private static String api(String method, String path, String body, String apiKey) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode event = json.createObjectNode();
    event.put("resource", path.replaceAll("/[0-9a-f]{32}", "/{id}"));
    event.put("path", path);
    event.put("httpMethod", method);
    event.putObject("headers").put("Content-Type", "application/json").put("x-api-key", apiKey);
    event.putObject("multiValueHeaders").putArray("x-api-key").add(apiKey);
    event.putNull("queryStringParameters");
    event.putNull("multiValueQueryStringParameters");
    var id = java.util.regex.Pattern.compile("/([0-9a-f]{32})").matcher(path);
    if (id.find()) {
      event.putObject("pathParameters").put("id", id.group(1));
    } else {
      event.putNull("pathParameters");
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("resourcePath", event.path("resource").asText()).put("httpMethod", method).put("stage", "local")
        .put("requestId", UUID.randomUUID().toString()).put("requestTimeEpoch", System.currentTimeMillis())
        .put("path", "/local" + path).put("accountId", "000000000000").put("apiId", "local");
    context.putObject("identity").put("sourceIp", "127.0.0.1").put("apiKey", apiKey).put("apiKeyId", "local");
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event.toPrettyString();
  }

  private static String usage() {
    return "usage: ./filestore generate-event s3-put|s3-delete [--key K] [--bucket B] [--size N] | schedule [--dry-run]"
        + " | api [--method M] [--path P] [--body JSON] [--api-key K]";
  }
}
