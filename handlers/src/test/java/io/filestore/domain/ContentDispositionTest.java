package io.filestore.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      report.pdf              | attachment; filename="report.pdf"; filename*=UTF-8''report.pdf
      my report (1).pdf       | attachment; filename="my report (1).pdf"; filename*=UTF-8''my%20report%20%281%29.pdf
      naïve café.txt          | attachment; filename="na_ve caf_.txt"; filename*=UTF-8''na%C3%AFve%20caf%C3%A9.txt
      a"b.txt                 | attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt
      ../../etc/passwd        | attachment; filename=".._.._etc_passwd"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd
      x; filename=evil.exe    | attachment; filename="x_ filename=evil.exe"; filename*=UTF-8''x%3B%20filename%3Devil.exe
      100%.txt                | attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt
      日本語.txt               | attachment; filename="___.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt
      """)
  void attachment(String name, String expected) {
    assertEquals(expected, ContentDisposition.of(false, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\b", "a\r\nSet-Cookie: x=1", "\u202Egnp.exe", "tab\there", "emoji 😀.png"})
  void nothingBreaksTheHeader(String name) {
    String value = ContentDisposition.of(true, name);
    assertTrue(value.startsWith("inline; filename=\""));
    assertFalse(value.chars().anyMatch(c -> c < 0x20 || c > 0x7e), "ASCII only: " + value);
    String fallback = value.substring(value.indexOf('"') + 1, value.indexOf("\"; filename*="));
    assertFalse(fallback.contains("\"") || fallback.contains("\\"), fallback);
  }

  @ParameterizedTest
  @ValueSource(strings = {"...", "  ", "."})
  void emptyFallbacksGetAName(String name) {
    assertTrue(ContentDisposition.of(false, name).startsWith("attachment; filename=\"download\""));
  }
}
