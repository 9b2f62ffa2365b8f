package io.filestore.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.core.matchers.BodyMatchResult;
import au.com.dius.pact.core.matchers.JsonContentMatcher;
import au.com.dius.pact.core.matchers.MatchingContext;
import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.v4.MessageContents;
import java.nio.charset.StandardCharsets;

/** Direct invocations as synchronous messages: the invocation payload, and the function's result. */
public final class Invocations {
  private Invocations() {}

  /** EventBridge's scheduled event, as a rule or an operator sends it. */
  static DslPart scheduledEvent(Boolean dryRun) {
    return au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(e -> {
      e.stringValue("version", "0");
      e.uuid("id");
      e.stringValue("detail-type", "Scheduled Event");
      e.stringValue("source", "aws.events");
      e.stringMatcher("account", "\\d{12}", "123456789012");
      e.stringMatcher("time", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z", "2026-11-21T10:15:00Z");
      e.stringType("region", "us-east-1");
      e.minArrayLike("resources", 1, PactDslJsonRootValue.stringMatcher("arn:aws:events:[a-z0-9-]+:\\d{12}:rule/.+",
          "arn:aws:events:us-east-1:123456789012:rule/filestore-expire-dev"), 1);
      e.object("detail", d -> {
        if (dryRun != null) {
          d.booleanValue("dryRun", dryRun);
        }
      });
    }).build();
  }

  /** A scheduled event whose dryRun flag is not a boolean. */
  static DslPart invalidDryRunEvent() {
    return au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(e -> {
      e.stringValue("detail-type", "Scheduled Event");
      e.stringValue("source", "aws.events");
      e.object("detail", d -> d.stringValue("dryRun", "yes"));
    }).build();
  }

  /** The Lambda runtime's error document for the functions' named refusal of a bad payload. */
  static DslPart invalidEvent(String messagePattern, String example) {
    return au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(o -> {
      o.stringValue("errorType", INVALID_EVENT);
      o.stringMatcher("errorMessage", messagePattern, example);
    }).build();
  }

  static final String INVALID_EVENT = "io.filestore.functions.InvalidEventException";

  /**
   * Pact does not see the payload a consumer really sends in a message interaction, so the consumer
   * test checks it against the contract's request itself.
   */
  static void assertSatisfies(V4Interaction.SynchronousMessages message, String payload) {
    MessageContents expected = message.getRequest();
    MatchingContext context = new MatchingContext(expected.getMatchingRules().rulesForCategory("body"), false);
    BodyMatchResult result = JsonContentMatcher.INSTANCE.matchBody(expected.getContents(),
        OptionalBody.body(payload.getBytes(StandardCharsets.UTF_8), ContentType.Companion.getJSON()), context);
    assertTrue(result.matchedOk(), "the payload does not satisfy the contract: " + result.getMismatches() + "\n" + payload);
  }

  static String response(V4Interaction.SynchronousMessages message) {
    return message.getResponse().get(0).getContents().valueAsString();
  }
}
