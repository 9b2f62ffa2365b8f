package io.filestore.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataHeadersTest {

  @ParameterizedTest
  @ValueSource(strings = {"Sunset", "Vue depuis la jetée", "日本", "=?UTF-8?B?Zm9v?=", "", "tab\tinside"})
  void roundTrips(String value) {
    String encoded = MetadataHeaders.encode(value);
    encoded.chars().forEach(c -> assertEquals(true, c >= 0x20 && c <= 0x7e, "ASCII header value: " + encoded));
    assertEquals(value, MetadataHeaders.decode(encoded));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "a b c"})
  void asciiStaysReadable(String value) {
    assertEquals(value, MetadataHeaders.encode(value));
  }
}
