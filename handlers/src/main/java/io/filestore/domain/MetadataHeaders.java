package io.filestore.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP header values must be ASCII, so S3 takes non-ASCII metadata as RFC 2047 encoded words and
 * returns them the same way. Signing the encoded form keeps the client's headers and S3's check equal.
 */
public final class MetadataHeaders {
  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";

  private MetadataHeaders() {}

  public static String encode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
      }
    }
    // A plain value that happens to look like an encoded word must not be read back as one.
    return value.startsWith("=?") ? PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX : value;
  }

  public static String decode(String value) {
    if (value != null && value.startsWith(PREFIX) && value.endsWith(SUFFIX)) {
      try {
        byte[] bytes = Base64.getDecoder().decode(value.substring(PREFIX.length(), value.length() - SUFFIX.length()));
        return new String(bytes, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
    return value;
  }
}
