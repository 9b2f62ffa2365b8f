package io.filestore.local;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./filestore admin processing on|off | status | reprocess ID | jobs ID [--data DIR]}: calls the
 * running stack's admin API (and a file's job history) as an administrator: with the stack's API key,
 * which the local settings make an administrator, and with --auth cognito also an ID token of a user in
 * the pool's {@code admins} group.
 */
public final class Admin {
  /** The user the verb acts as when the stack asks for ID tokens. */
  static final String ADMIN_USER = "local-admin";

  private Admin() {}

  public static void main(String[] args) {
    StackClient.runVerb("admin", () -> run(args));
  }

  static String run(String[] args) throws IOException, InterruptedException, StackClient.Refused {
    Path root = Path.of("").toAbsolutePath();
    Path data = null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i));
        case "--root" -> root = Path.of(value(args, ++i));
        default -> {
          if (args[i].startsWith("--")) {
            throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + usage());
          }
          words.add(args[i]);
        }
      }
    }
    String command = words.isEmpty() ? "" : words.get(0);
    String method;
    String path;
    String body = null;
    switch (command + "/" + words.size()) {
      case "processing/2" -> {
        String state = words.get(1);
        if (!state.equals("on") && !state.equals("off")) {
          throw new IllegalArgumentException("processing takes on or off, not '" + state + "'; " + usage());
        }
        method = "PUT";
        path = "/admin/processing";
        body = "{\"enabled\":" + state.equals("on") + "}";
      }
      case "status/1" -> {
        method = "GET";
        path = "/admin/processing";
      }
      case "reprocess/2" -> {
        method = "POST";
        path = "/admin/files/" + segment(words.get(1)) + "/reprocess";
      }
      case "jobs/2" -> {
        method = "GET";
        path = "/files/" + segment(words.get(1)) + "/jobs";
      }
      default -> throw new IllegalArgumentException(usage());
    }
    StackClient stack = StackClient.connect(root, data);
    return stack.send(method, stack.fact("apiUrl") + path, headers(stack), body);
  }

  /** The key, and under --auth cognito an ID token of an administrator, minted from the pool in the data folder. */
  private static Map<String, String> headers(StackClient stack) throws IOException {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-api-key", stack.fact("apiKey"));
    if ("cognito".equals(stack.facts().path("auth").asText())) {
      UserPool pool = UserPool.load(stack.data());
      String token = pool.sign(IssueToken.claims(pool, new IssueToken.Subject(ADMIN_USER, List.of("admins"), null, 600), Instant.now()));
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value; " + usage());
    }
    return args[i];
  }

  private static String usage() {
    return "usage: ./filestore admin processing on|off | status | reprocess FILE_ID | jobs FILE_ID [--data DIR]";
  }
}
