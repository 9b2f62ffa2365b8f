package io.filestore.domain;

import java.util.Locale;

/**
 * S3 event sequencers order the events of one key: right-pad the shorter hex string with zeros, then
 * compare lexicographically (as S3's documentation prescribes). A missing sequencer orders first.
 */
public final class Sequencers {
  private Sequencers() {}

  /** @return true when {@code candidate} happened after {@code last} (or nothing was recorded yet) */
  public static boolean isNewer(String candidate, String last) {
    if (candidate == null || candidate.isEmpty()) {
      return last == null;
    }
    if (last == null || last.isEmpty()) {
      return true;
    }
    int width = Math.max(candidate.length(), last.length());
    return pad(candidate, width).compareTo(pad(last, width)) > 0;
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(width).append(s.toUpperCase(Locale.ROOT));
    while (b.length() < width) {
      b.append('0');
    }
    return b.toString();
  }
}
