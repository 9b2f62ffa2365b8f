package io.filestore.domain;

import java.util.regex.Pattern;

/**
 * Where a file's bytes live in the bucket: {@code uploads/<id>} for a file of its principal alone, and
 * {@code uploads/<collection>/<id>} for a file in a collection, so a collection's objects share a prefix.
 * The prefix is also the S3 notification filter, so the wiring (wiring/filestore.json) names it too, and
 * a test keeps the two equal.
 */
public final class ObjectKeys {
  public static final String PREFIX = "uploads/";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private ObjectKeys() {}

  public static String keyOf(String id) {
    return PREFIX + id;
  }

  public static String keyOf(String collectionId, String id) {
    return collectionId == null ? keyOf(id) : PREFIX + collectionId + "/" + id;
  }

  /**
   * @return the file id, or null when the key has neither of our layouts; the record's own key must
   *     still be compared, because the id alone does not say which layout the file has
   */
  public static String idOf(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      return null;
    }
    String rest = key.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash >= 0 && !isValidId(rest.substring(0, slash))) {
      return null;
    }
    String id = rest.substring(slash + 1);
    return isValidId(id) ? id : null;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
