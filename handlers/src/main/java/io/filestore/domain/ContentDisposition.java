package io.filestore.domain;

import java.nio.charset.StandardCharsets;

/**
 * Builds a Content-Disposition value (RFC 6266) that no file name can break: an ASCII-only quoted
 * {@code filename} fallback, and the exact name as an RFC 5987 {@code filename*}.
 */
public final class ContentDisposition {
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private ContentDisposition() {}

  public static String of(boolean inline, String name) {
    return (inline ? "inline" : "attachment") + "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''"
        + encode(name);
  }

  /** Printable ASCII without quotes, backslashes, percent signs or path separators; anything else becomes '_'. */
  static String asciiFallback(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().forEach(cp -> {
      boolean safe = cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%' && cp != '/' && cp != ';';
      out.append(safe ? (char) cp : '_');
    });
    String s = out.toString().strip();
    return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "download" : s;
  }

  static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
