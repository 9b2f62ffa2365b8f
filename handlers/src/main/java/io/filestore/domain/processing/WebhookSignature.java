package io.filestore.domain.processing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Filestore-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}.
 * The timestamp is signed with the body, so a receiver that rejects old timestamps also rejects a
 * replayed request; {@code v1} leaves room for another scheme next to it during a change.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Filestore-Signature";

  private WebhookSignature() {}

  public static String sign(byte[] secret, Instant at, String body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t + "." + body));
  }

  /** What a receiver does: true when the header signs this body with this secret, within {@code tolerance} of now. */
  public static boolean verify(byte[] secret, String header, String body, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("\\d{1,12}")) {
        t = Long.parseLong(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null || Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
      return false;
    }
    byte[] expected = HexFormat.of().formatHex(hmac(secret, t + "." + body)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(byte[] secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
