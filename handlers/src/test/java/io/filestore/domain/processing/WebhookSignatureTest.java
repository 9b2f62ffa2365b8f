package io.filestore.domain.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] SECRET = "whsec-test-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void matchesAnIndependentHmac() {
    // printf '1795255200.{"a":1}' | openssl dgst -sha256 -hmac whsec-test-0123456789
    assertEquals("t=1795255200,v1=1c253439403b7d312ad514dc62ee34aa54fba6ce1af65f9606cff8fdd0aa79b8",
        WebhookSignature.sign(SECRET, AT, "{\"a\":1}"));
  }

  @Test
  void aReceiverAcceptsWhatWasSignedAndNothingElse() {
    String body = "{\"fileId\":\"abc\",\"name\":\"Été.pdf\"}";
    String header = WebhookSignature.sign(SECRET, AT, body);
    assertTrue(WebhookSignature.verify(SECRET, header, body, AT.plusSeconds(30), FIVE_MINUTES));
    assertFalse(WebhookSignature.verify(SECRET, header, body + " ", AT, FIVE_MINUTES), "another body");
    assertFalse(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), header, body, AT, FIVE_MINUTES), "another secret");
    assertFalse(WebhookSignature.verify(SECRET, header, body, AT.plus(Duration.ofMinutes(6)), FIVE_MINUTES), "too old: a replay");
    assertFalse(WebhookSignature.verify(SECRET, header.replace("t=1795255200", "t=1795255260"), body, AT, FIVE_MINUTES),
        "the timestamp is signed too");
    assertFalse(WebhookSignature.verify(SECRET, null, body, AT, FIVE_MINUTES));
    assertFalse(WebhookSignature.verify(SECRET, "v1=abc", body, AT, FIVE_MINUTES));
    assertFalse(WebhookSignature.verify(SECRET, "t=x,v1=abc", body, AT, FIVE_MINUTES));
  }
}
