package io.filestore.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How callers are named: {@code user:<sub>} for a user-pool user, {@code key:<digest>} for an API key. The
 * digest (the first 16 bytes of the key's SHA-256, in lowercase hex) is as stable as the key's id without
 * storing the secret; settings such as the administrators' list name keys by it. The kind prefix keeps
 * users and keys from colliding.
 */
public final class Principals {
  private Principals() {}

  public static String ofUser(String sub) {
    return "user:" + sub;
  }

  public static String ofApiKey(String apiKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return "key:" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
