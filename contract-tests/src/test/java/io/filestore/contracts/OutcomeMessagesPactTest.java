package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.MessagePactBuilder;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outcome topic's messages as a subscriber reads them: the body (the job's new state and the file's
 * facts) and the message attributes {@code status} and {@code contentType}, which SNS subscription filters
 * use, as the message's metadata. Ids and times are matched by shape; the status is fixed per message.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.PROCESSING, providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class OutcomeMessagesPactTest {
  static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

  /** The body of an outcome with this status and HTTP answer, for a PDF outside collections. */
  private static DslPart body(String status, int statusCode, boolean retried) {
    return newJsonBody(o -> {
      o.stringValue("type", OutcomeMessage.TYPE);
      o.stringMatcher("fileId", "[0-9a-f]{32}", "3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6");
      o.stringMatcher("jobId", "[0-9a-f]{32}", "0193c4f1a2b3c4d5e6f708192a3b4c5d");
      o.integerType("attempt", 1);
      o.stringValue("status", status);
      o.integerType("statusCode", statusCode);
      if (retried) {
        o.stringMatcher("nextAttemptAt", INSTANT, "2026-11-21T10:04:12Z");
      }
      o.object("file", f -> {
        f.stringType("name", "scan.pdf");
        f.stringValue("contentType", "application/pdf");
        f.integerType("size", 1048576);
        f.stringMatcher("state", "UPLOADED|STORED", "UPLOADED");
      });
      o.stringMatcher("at", INSTANT, "2026-11-21T10:02:01Z");
    }).build();
  }

  private static MessagePactBuilder outcome(MessagePactBuilder builder, String state, String description, String status,
      int statusCode, boolean retried) {
    // The attributes after the body: a message's "contentType" metadata would otherwise decide the body's type.
    return builder.given(state)
        .expectsToReceive(description)
        .withContent(body(status, statusCode, retried))
        .withMetadata(m -> {
          m.add("status", status);
          m.add("contentType", "application/pdf");
        });
  }

  @Pact(consumer = Pacticipants.OUTCOME_SUBSCRIBER)
  V4Pact succeeded(MessagePactBuilder builder) {
    return outcome(builder, "a PDF landed and the endpoint accepted it", "the outcome of a job that succeeded",
        "SUCCEEDED", 200, false).toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.OUTCOME_SUBSCRIBER)
  V4Pact failed(MessagePactBuilder builder) {
    return outcome(builder, "a PDF landed and the endpoint failed", "the outcome of a job that failed and will be retried",
        "FAILED", 500, true).toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.OUTCOME_SUBSCRIBER)
  V4Pact dead(MessagePactBuilder builder) {
    return outcome(builder, "a PDF landed, the endpoint failed and no attempt is left", "the outcome of a job that is dead",
        "DEAD", 500, false).toPact(V4Pact.class);
  }

  private static OutcomeMessage read(V4Interaction.AsynchronousMessage message) throws Exception {
    return OutcomeMessage.parse(new String(message.contentsAsBytes(), StandardCharsets.UTF_8), message.getContents().getMetadata());
  }

  @Test
  @PactTestFor(pactMethod = "succeeded")
  void aSucceededJobIsFinal(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    OutcomeMessage outcome = read(messages.get(0));
    assertEquals("SUCCEEDED", outcome.status());
    assertEquals("application/pdf", outcome.contentType());
    assertEquals(200, outcome.statusCode());
    assertFalse(outcome.willRetry());
  }

  @Test
  @PactTestFor(pactMethod = "failed")
  void aFailedJobSaysWhenItIsRetried(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    OutcomeMessage outcome = read(messages.get(0));
    assertEquals("FAILED", outcome.status());
    assertTrue(outcome.willRetry());
  }

  @Test
  @PactTestFor(pactMethod = "dead")
  void aDeadJobIsNotRetried(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    OutcomeMessage outcome = read(messages.get(0));
    assertEquals("DEAD", outcome.status());
    assertFalse(outcome.willRetry());
  }
}
