package io.filestore.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 128 random bits from SecureRandom, as 32 lowercase hex characters: unguessable file ids. */
public final class IdGenerator {
  private final SecureRandom random;

  public IdGenerator(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
