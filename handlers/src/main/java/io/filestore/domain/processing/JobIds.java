package io.filestore.domain.processing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Job ids: the creation time in milliseconds (12 hex digits) and 80 random bits, 32 hex characters in
 * all. They sort by creation, so a file's attempts across reprocesses list in order, and stay unguessable.
 */
public final class JobIds {
  private final SecureRandom random;

  public JobIds(SecureRandom random) {
    this.random = random;
  }

  public String next(Instant now) {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    return String.format("%012x", now.toEpochMilli()) + HexFormat.of().formatHex(bytes);
  }
}
