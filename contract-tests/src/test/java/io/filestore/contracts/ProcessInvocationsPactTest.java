package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.filestore.adapters.aws.AwsRequests;
import io.filestore.adapters.lambda.LambdaJobStarter;
import io.filestore.emulators.AwsServices;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.LambdaFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The process function as the job starter invokes it (Lambda's Event invoke, from the object-created
 * function and the reprocess route). Pact does not see what the consumer sends, so each test runs the real
 * {@link LambdaJobStarter} against the in-process Lambda and checks the payload Lambda received against
 * the contract's request. The response is the function's result; Lambda discards it for an Event invoke,
 * but an operator invoking the function by hand reads it.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.PROCESS, providerType = ProviderType.SYNCH_MESSAGE, pactVersion = PactSpecVersion.V4)
class ProcessInvocationsPactTest {
  static final String QUEUED_ID = "4c7a2d5f48e3b6a0c1d2e3f4a5b69b1e";
  static final String NO_JOB_ID = "8e3b6a0c1d2e3f4a5b69b1e4c7a2d5f4";
  private static final String FUNCTION = "process-contract";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AwsServices aws;
  private static LambdaJobStarter starter;

  @BeforeAll
  static void lambda() {
    aws = AwsServices.start(null, 0);
    aws.lambda().register(FUNCTION, payload -> "null");
    starter = new LambdaJobStarter(new AwsRequests(UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)),
        Region.of(Emulators.REGION)), aws.endpoint(), FUNCTION);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static au.com.dius.pact.consumer.dsl.DslPart start(String fileId) {
    return newJsonBody(o -> o.stringMatcher("fileId", "[0-9a-f]{32}", fileId)).build();
  }

  @Pact(consumer = Pacticipants.JOB_STARTER)
  V4Pact queued(SynchronousMessagePactBuilder builder) {
    return builder.given("a landed file whose job is queued, and the endpoint accepts it", Map.of("fileId", QUEUED_ID))
        .expectsToReceive("a start of a queued job")
        .withRequest(r -> r.withContent(start(QUEUED_ID)))
        .withResponse(r -> r.withContent(newJsonBody(o -> {
          o.stringMatcher("fileId", "[0-9a-f]{32}", QUEUED_ID);
          o.stringMatcher("jobId", "[0-9a-f]{32}", "0193c4f1a2b3c4d5e6f708192a3b4c5d");
          o.integerType("attempt", 1);
          o.stringValue("kind", "ATTEMPTED");
          o.stringValue("status", "SUCCEEDED");
        }).build()))
        .toPact();
  }

  @Pact(consumer = Pacticipants.JOB_STARTER)
  V4Pact noJob(SynchronousMessagePactBuilder builder) {
    return builder.given("a file with no job", Map.of("fileId", NO_JOB_ID))
        .expectsToReceive("a start for a file with no job")
        .withRequest(r -> r.withContent(start(NO_JOB_ID)))
        .withResponse(r -> r.withContent(newJsonBody(o -> {
          // No job, so no jobId and no status: the Lambda runtime's serializer leaves out null fields.
          o.stringMatcher("fileId", "[0-9a-f]{32}", NO_JOB_ID);
          o.integerType("attempt", 0);
          o.stringValue("kind", "NOTHING");
        }).build()))
        .toPact();
  }

  @Pact(consumer = Pacticipants.JOB_STARTER)
  V4Pact invalid(SynchronousMessagePactBuilder builder) {
    return builder.expectsToReceive("a start with an invalid file id")
        .withRequest(r -> r.withContent(newJsonBody(o -> o.stringValue("fileId", "../etc/passwd")).build()))
        .withResponse(r -> r.withContent(Invocations.invalidEvent(".*fileId.*",
            "Expected {\"fileId\": \"<32 lowercase hex digits>\"}, not {fileId=../etc/passwd}")))
        .toPact();
  }

  /** What the real starter made Lambda receive for this file: one Event invocation. */
  private static String startedWith(String fileId) throws InterruptedException {
    starter.start(fileId);
    aws.lambda().awaitIdle(Duration.ofSeconds(10));
    List<LambdaFunctions.Invocation> invocations = aws.lambda().invocations().stream()
        .filter(i -> i.payload().contains(fileId)).toList();
    assertEquals(1, invocations.size());
    assertEquals("Event", invocations.get(0).type(), "the starter never waits for the job");
    return invocations.get(0).payload();
  }

  @Test
  @PactTestFor(pactMethod = "queued")
  void theStarterSendsTheFileAndTheRunIsReported(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, startedWith(QUEUED_ID));
    JsonNode report = JSON.readTree(Invocations.response(message));
    assertEquals("SUCCEEDED", report.path("status").asText());
  }

  @Test
  @PactTestFor(pactMethod = "noJob")
  void aStartWithNothingQueuedDoesNothing(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, startedWith(NO_JOB_ID));
    assertEquals("NOTHING", JSON.readTree(Invocations.response(message)).path("kind").asText());
  }

  @Test
  @PactTestFor(pactMethod = "invalid")
  void aBadPayloadIsANamedError(V4Interaction.SynchronousMessages message) throws Exception {
    assertEquals(Invocations.INVALID_EVENT,
        JSON.readTree(Invocations.response(message)).path("errorType").asText());
  }
}
