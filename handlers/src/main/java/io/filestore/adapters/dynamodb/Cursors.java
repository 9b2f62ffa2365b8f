package io.filestore.adapters.dynamodb;

import io.filestore.domain.ObjectKeys;
import io.filestore.ports.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Listing cursors. Every listed index sorts by "<time>#<id>", so a cursor carries that position and
 * nothing else: whose listing it is always comes from the caller, so a cursor cannot open another's.
 */
final class Cursors {
  private static final Pattern CURSOR = Pattern.compile("v1:(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)#([0-9a-f]{32})");

  private Cursors() {}

  /** A position in a listing: the sort key's time and id. */
  record Position(String time, String id) {
    String sortKey() {
      return time + "#" + id;
    }
  }

  static String encode(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + sortKey).getBytes(StandardCharsets.UTF_8));
  }

  static Position decode(String cursor) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException();
    }
    Matcher m = CURSOR.matcher(decoded);
    if (!m.matches() || !ObjectKeys.isValidId(m.group(2))) {
      throw new InvalidCursorException();
    }
    return new Position(m.group(1), m.group(2));
  }
}
