package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.dsl.DslPart;
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
 * The retry function invoked directly: by its EventBridge schedule (every minute), and by an operator with
 * {@code ./filestore generate-event schedule [--dry-run] | ./filestore invoke retry --event -}. The consumer's
 * real code is the event generator; the response's counts are what the operator reads.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.RETRY, providerType = ProviderType.SYNCH_MESSAGE, pactVersion = PactSpecVersion.V4)
class RetryInvocationsPactTest {
  static final String FAILED_JOB_DUE = "a file's job failed and is due for a retry, and the endpoint now accepts it";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A run's counts; a dry run counts what is due and runs nothing. */
  private static DslPart report(boolean dryRun) {
    int succeeded = dryRun ? 0 : 1;
    return newJsonBody(o -> {
      o.booleanValue("dryRun", dryRun);
      o.integerType("due", 1);
      o.integerType("succeeded", succeeded);
      o.integerType("failed", 0);
      o.integerType("rejected", 0);
      o.integerType("dead", 0);
      o.integerType("abandoned", 0);
      o.integerType("skipped", 0);
      o.integerType("paused", 0);
      o.integerType("untouched", 0);
      o.integerType("errors", 0);
      o.booleanType("more", false);
    }).build();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact scheduled(SynchronousMessagePactBuilder builder) {
    return builder.given(FAILED_JOB_DUE)
        .expectsToReceive("a scheduled run of retry")
        .withRequest(r -> r.withContent(Invocations.scheduledEvent(null)))
        .withResponse(r -> r.withContent(report(false)))
        .toPact();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact dryRun(SynchronousMessagePactBuilder builder) {
    return builder.given(FAILED_JOB_DUE)
        .expectsToReceive("a dry run of retry")
        .withRequest(r -> r.withContent(Invocations.scheduledEvent(true)))
        .withResponse(r -> r.withContent(report(true)))
        .toPact();
  }

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact invalid(SynchronousMessagePactBuilder builder) {
    return builder.expectsToReceive("a run of retry with an invalid dryRun flag")
        .withRequest(r -> r.withContent(Invocations.invalidDryRunEvent()))
        .withResponse(r -> r.withContent(Invocations.invalidEvent(".*dryRun.*", "detail.dryRun must be true or false, not yes")))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "scheduled")
  void theGeneratedScheduleEventRunsTheDueJobs(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, GenerateEvent.generate(new String[] {"schedule"}));
    JsonNode report = JSON.readTree(Invocations.response(message));
    assertTrue(report.path("due").isInt() && report.path("succeeded").isInt() && !report.path("dryRun").asBoolean());
  }

  @Test
  @PactTestFor(pactMethod = "dryRun")
  void aDryRunCountsWhatIsDueAndRunsNothing(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, GenerateEvent.generate(new String[] {"schedule", "--dry-run"}));
    JsonNode report = JSON.readTree(Invocations.response(message));
    assertTrue(report.path("dryRun").asBoolean());
    assertEquals(0, report.path("succeeded").asInt());
  }

  @Test
  @PactTestFor(pactMethod = "invalid")
  void anInvalidFlagIsANamedError(V4Interaction.SynchronousMessages message) throws Exception {
    JsonNode error = JSON.readTree(Invocations.response(message));
    assertEquals(Invocations.INVALID_EVENT, error.path("errorType").asText());
  }
}
