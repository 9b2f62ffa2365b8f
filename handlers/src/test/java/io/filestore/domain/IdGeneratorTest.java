package io.filestore.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

  @Test
  void unguessable128BitHexIds() {
    IdGenerator ids = new IdGenerator(new SecureRandom());
    Set<String> seen = new HashSet<>();
    int[] ones = new int[128];
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      assertTrue(ObjectKeys.isValidId(id), id);
      seen.add(id);
      for (int bit = 0; bit < 128; bit++) {
        int nibble = Character.digit(id.charAt(bit / 4), 16);
        ones[bit] += (nibble >> (3 - bit % 4)) & 1;
      }
    }
    assertEquals(10_000, seen.size());
    for (int count : ones) {
      assertTrue(count > 4_500 && count < 5_500, "every bit varies: " + count);
    }
  }
}
