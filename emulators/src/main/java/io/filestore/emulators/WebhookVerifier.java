package io.filestore.emulators;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The check a partner runs on {@code X-Filestore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">}, written here from that description alone, as a partner would write it, so that it
 * does not share a mistake with Filestore's signer. Several v1 values may be present (during a secret
 * change); one that verifies is enough. The timestamp must be within the tolerance of now, which is what
 * stops a replay.
 */
final class WebhookVerifier {
  private final Clock clock;
  private final Duration tolerance;

  WebhookVerifier(Clock clock, Duration tolerance) {
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /** @return null when the header signs this body with this secret, otherwise why not */
  String problem(String header, byte[] body, byte[] secret) {
    if (secret == null || secret.length == 0) {
      return "the receiver has no shared secret to verify with";
    }
    if (header == null || header.isBlank()) {
      return "no X-Filestore-Signature header";
    }
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String element : header.split(",")) {
      String[] kv = element.trim().split("=", 2);
      if (kv.length != 2) {
        return "the signature header is malformed: '" + header + "'";
      }
      if (kv[0].equals("t")) {
        timestamp = kv[1];
      } else if (kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
      return "the signature header has no valid t=<unix seconds>";
    }
    if (signatures.isEmpty()) {
      return "the signature header has no v1 signature";
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
      return "the signature's timestamp " + signedAt + " is more than " + tolerance.toMinutes() + " minutes from now (" + now + ")";
    }
    byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    byte[] expected = HexFormat.of().formatHex(hmacSha256(secret, signed)).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String candidate : signatures) {
      // Constant time, and every candidate compared, so that timing tells nothing about the expected value.
      match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    return match ? null : "no v1 signature matches the body and the shared secret";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
