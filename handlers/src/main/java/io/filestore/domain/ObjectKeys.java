package io.filestore.domain;

import java.util.regex.Pattern;

/**
 * Where a file's bytes live in the bucket. The prefix is also the S3 notification filter, so the
 * wiring (wiring/functions.json) names it too, and a test keeps the two equal.
 */
public final class ObjectKeys {
  public static final String PREFIX = "uploads/";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private ObjectKeys() {}

  public static String keyOf(String id) {
    return PREFIX + id;
  }

  /** @return the file id, or null when the key is not one of ours */
  public static String idOf(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      return null;
    }
    String id = key.substring(PREFIX.length());
    return isValidId(id) ? id : null;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
