package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.dsl.SynchronousMessagePactBuilder;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filestore.local.GenerateEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The expire function invoked directly: by its EventBridge schedule, and by an operator with
 * {@code ./filestore generate-event schedule [--dry-run] | ./filestore invoke expire --event -}.
 * The consumer's real code is the event generator; the response is what the operator reads.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.EXPIRE, providerType = ProviderType.SYNCH_MESSAGE, pactVersion = PactSpecVersion.V4)
class ExpireInvocationsPactTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static au.com.dius.pact.consumer.dsl.DslPart summary(boolean dryRun) {
    return newJsonBody(o -> {
      o.booleanValue("dryRun", dryRun);
      o.integerType("examined", 2);
      o.integerType("expired", 2);
      o.integerType("purged", 0);
      o.integerType("skipped", 0);
      o.integerType("failed", 0);
      o.booleanType("more", false);
    }).build();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact scheduled(SynchronousMessagePactBuilder builder) {
    return builder.given("two unstored files are past their expiry")
        .expectsToReceive("a scheduled run of expire")
        .withRequest(r -> r.withContent(Invocations.scheduledEvent(null)))
        .withResponse(r -> r.withContent(summary(false)))
        .toPact();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact dryRun(SynchronousMessagePactBuilder builder) {
    return builder.given("two unstored files are past their expiry")
        .expectsToReceive("a dry run of expire")
        .withRequest(r -> r.withContent(Invocations.scheduledEvent(true)))
        .withResponse(r -> r.withContent(summary(true)))
        .toPact();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact invalid(SynchronousMessagePactBuilder builder) {
    return builder.expectsToReceive("a run of expire with an invalid dryRun flag")
        .withRequest(r -> r.withContent(Invocations.invalidDryRunEvent()))
        .withResponse(r -> r.withContent(Invocations.invalidEvent(".*dryRun.*", "detail.dryRun must be true or false, not yes")))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "scheduled")
  void theGeneratedScheduleEventIsWhatTheFunctionTakes(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, GenerateEvent.generate(new String[] {"schedule"}));
    JsonNode summary = JSON.readTree(Invocations.response(message));
    assertTrue(summary.path("expired").isInt() && !summary.path("dryRun").asBoolean());
  }

  @Test
  @PactTestFor(pactMethod = "dryRun")
  void aDryRunCountsWithoutChanging(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, GenerateEvent.generate(new String[] {"schedule", "--dry-run"}));
    assertTrue(JSON.readTree(Invocations.response(message)).path("dryRun").asBoolean());
  }

  @Test
  @PactTestFor(pactMethod = "invalid")
  void anInvalidFlagIsANamedError(V4Interaction.SynchronousMessages message) throws Exception {
    JsonNode error = JSON.readTree(Invocations.response(message));
    assertEquals(Invocations.INVALID_EVENT, error.path("errorType").asText());
  }
}
