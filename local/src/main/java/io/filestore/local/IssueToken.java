package io.filestore.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./filestore token --sub alice [--groups a,b] [--email E] [--ttl SECONDS] [--data DIR]}: prints an
 * ID token of the local user pool, shaped like Cognito's, for {@code ./filestore local --auth cognito}.
 * It needs no running stack: the pool's key is in the data folder, and is made there on first use.
 */
public final class IssueToken {
  static final long DEFAULT_TTL = 3600;
  /** Cognito's longest ID token validity. */
  static final long MAX_TTL = 24 * 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private IssueToken() {}

  /** Who the token names, and for how long. */
  record Subject(String sub, List<String> groups, String email, long ttlSeconds) {}

  public static void main(String[] args) {
    try {
      System.out.println(run(args));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("filestore token: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("filestore token: cannot read or create the user pool: " + e.getMessage());
      System.exit(1);
    }
  }

  static String run(String[] args) throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Path data = null;
    String sub = null;
    List<String> groups = List.of();
    String email = null;
    long ttl = DEFAULT_TTL;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sub" -> sub = value(args, ++i, "--sub");
        case "--groups" -> groups = groups(value(args, ++i, "--groups"));
        case "--email" -> email = value(args, ++i, "--email");
        case "--ttl" -> ttl = ttl(value(args, ++i, "--ttl"));
        case "--data" -> data = Path.of(value(args, ++i, "--data"));
        case "--root" -> root = Path.of(value(args, ++i, "--root"));
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + usage());
      }
    }
    if (sub == null || sub.isBlank()) {
      throw new IllegalArgumentException("--sub is required; " + usage());
    }
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("--email takes an address such as alice@example.com, not '" + email + "'");
    }
    UserPool pool = UserPool.load((data == null ? root.resolve(".filestore") : data).toAbsolutePath());
    return pool.sign(claims(pool, new Subject(sub, groups, email, ttl), Instant.now()));
  }

  /** The claims of a Cognito ID token for this subject, issued at {@code now}. */
  static ObjectNode claims(UserPool pool, Subject subject, Instant now) {
    long issued = now.getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("sub", subject.sub());
    if (!subject.groups().isEmpty()) {
      ArrayNode groups = claims.putArray("cognito:groups");
      subject.groups().forEach(groups::add);
    }
    if (subject.email() != null) {
      // A developer's token stands for a confirmed user, whose address Cognito has verified.
      claims.put("email_verified", true);
    }
    claims.put("iss", pool.issuer());
    claims.put("cognito:username", subject.sub());
    claims.put("aud", pool.clientId());
    claims.put("token_use", "id");
    claims.put("auth_time", issued);
    claims.put("exp", issued + subject.ttlSeconds());
    claims.put("iat", issued);
    claims.put("jti", UUID.randomUUID().toString());
    if (subject.email() != null) {
      claims.put("email", subject.email());
    }
    return claims;
  }

  private static List<String> groups(String text) {
    List<String> groups = new ArrayList<>();
    for (String group : text.split(",")) {
      if (!group.isBlank()) {
        groups.add(group.strip());
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("--groups takes group names separated by commas, such as admins,editors");
    }
    return List.copyOf(groups);
  }

  private static long ttl(String text) {
    long ttl;
    try {
      ttl = Long.parseLong(text);
    } catch (NumberFormatException e) {
      ttl = -1;
    }
    if (ttl < 1 || ttl > MAX_TTL) {
      throw new IllegalArgumentException("--ttl takes seconds from 1 to " + MAX_TTL + " (24 hours), not '" + text + "'");
    }
    return ttl;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value; " + usage());
    }
    return args[i];
  }

  private static String usage() {
    return "usage: ./filestore token --sub SUB [--groups G1,G2] [--email E] [--ttl SECONDS] [--data DIR]";
  }
}
