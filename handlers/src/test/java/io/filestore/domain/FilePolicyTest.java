package io.filestore.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilePolicyTest {
  private final FilePolicy policy = new FilePolicy(List.of("image/*", "application/PDF"), 1000);

  @Test
  void contentTypes() {
    assertTrue(policy.isAllowed("image/png"));
    assertTrue(policy.isAllowed("IMAGE/JPEG"));
    assertTrue(policy.isAllowed("application/pdf"));
    assertFalse(policy.isAllowed("imagex/png"));
    assertFalse(policy.isAllowed("application/pdfx"));
    assertTrue(new FilePolicy(List.of("*/*"), 1).isAllowed("anything/at-all"));
  }

  @Test
  void sizes() {
    assertDoesNotThrow(() -> policy.check(new NewFile("a.png", "image/png", 0, Map.of(), null)));
    assertDoesNotThrow(() -> policy.check(new NewFile("a.png", "image/png", 1000, Map.of(), null)));
    assertEquals("size", assertThrows(InvalidRequestException.class,
        () -> policy.check(new NewFile("a.png", "image/png", 1001, Map.of(), null))).field());
  }

  @Test
  void metadataKeys() {
    for (String bad : new String[] {"Title", "my_key", "-x", "", "a".repeat(65), "a b"}) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> policy.check(new NewFile("a.png", "image/png", 1, Map.of(bad, "v"), null)), bad);
      assertEquals("metadata." + bad, e.field());
    }
    assertDoesNotThrow(() -> policy.check(new NewFile("a.png", "image/png", 1, Map.of("photo-title2", "v"), null)));
  }

  @Test
  void controlCharactersInValues() {
    assertThrows(InvalidRequestException.class,
        () -> policy.check(new NewFile("a.png", "image/png", 1, Map.of("title", "a\nb"), null)));
    assertThrows(InvalidRequestException.class, () -> policy.check(new NewFile("a\u0000.png", "image/png", 1, Map.of(), null)));
  }
}
