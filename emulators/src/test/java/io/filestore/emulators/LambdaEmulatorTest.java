package io.filestore.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Lambda Invoke, driven by the official SDK client: RequestResponse, Event (queued), DryRun and the errors. */
class LambdaEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void requestResponseRunsTheFunctionAndAnswersItsResult() {
    try (AwsServices services = AwsServices.start(null, 0); LambdaClient lambda = Clients.lambda(services.endpoint())) {
      services.lambda().register("echo", payload -> "{\"got\":" + payload + "}");
      InvokeResponse response = lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{\"jobId\":\"j1\"}")));
      assertEquals(200, response.statusCode());
      assertEquals("{\"got\":{\"jobId\":\"j1\"}}", response.payload().asUtf8String());
      assertEquals("$LATEST", response.executedVersion());
      assertNull(response.functionError());

      InvokeResponse byArn = lambda.invoke(b -> b.functionName(LambdaFunctions.arn("echo")).payload(SdkBytes.fromUtf8String("1")));
      assertEquals("{\"got\":1}", byArn.payload().asUtf8String(), "a function may be named by its ARN");
      InvokeResponse partial = lambda.invoke(b -> b.functionName("000000000000:function:echo").qualifier("$LATEST")
          .payload(SdkBytes.fromUtf8String("2")).logType(LogType.TAIL));
      assertEquals("{\"got\":2}", partial.payload().asUtf8String());
      assertTrue(partial.logResult() != null && !partial.logResult().isEmpty());

      List<LambdaFunctions.Invocation> seen = services.lambda().invocations();
      assertEquals(3, seen.size());
      assertEquals(new LambdaFunctions.Invocation("echo", "RequestResponse", "{\"jobId\":\"j1\"}", seen.get(0).at()), seen.get(0));
    }
  }

  @Test
  void aFunctionThatThrowsAnswersTheRuntimesErrorDocument() throws Exception {
    try (AwsServices services = AwsServices.start(null, 0); LambdaClient lambda = Clients.lambda(services.endpoint())) {
      services.lambda().register("broken", payload -> {
        throw new IllegalStateException("no endpoint configured");
      });
      InvokeResponse response = lambda.invoke(b -> b.functionName("broken").payload(SdkBytes.fromUtf8String("{}")));
      assertEquals(200, response.statusCode(), "Lambda ran it; the error is the function's");
      assertEquals("Unhandled", response.functionError());
      JsonNode error = JSON.readTree(response.payload().asUtf8String());
      assertEquals("no endpoint configured", error.path("errorMessage").asText());
      assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
      assertTrue(error.path("stackTrace").isArray());
    }
  }

  @Test
  void eventIsAcceptedAtOnceAndRunFromTheQueue() throws Exception {
    try (AwsServices services = AwsServices.start(null, 0); LambdaClient lambda = Clients.lambda(services.endpoint())) {
      CountDownLatch release = new CountDownLatch(1);
      LinkedBlockingQueue<String> ran = new LinkedBlockingQueue<>();
      services.lambda().register("process", payload -> {
        release.await();
        ran.add(payload);
        return null;
      });
      InvokeResponse accepted = lambda.invoke(b -> b.functionName("process").invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromUtf8String("{\"fileId\":\"f1\"}")));
      assertEquals(202, accepted.statusCode());
      assertEquals(0, accepted.payload().asByteArray().length);
      assertTrue(ran.isEmpty(), "the call returned before the function finished");
      release.countDown();
      assertEquals("{\"fileId\":\"f1\"}", ran.poll(10, TimeUnit.SECONDS));
      assertTrue(services.lambda().awaitIdle(Duration.ofSeconds(10)));

      LinkedBlockingQueue<String> failures = new LinkedBlockingQueue<>();
      services.lambda().onAsyncFailure((name, e) -> failures.add(name + ": " + e.getMessage()));
      services.lambda().register("fails", payload -> {
        throw new IllegalStateException("boom");
      });
      assertEquals(202, lambda.invoke(b -> b.functionName("fails").invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromUtf8String("{}"))).statusCode(), "accepted; its failure is for the listener");
      assertEquals("fails: boom", failures.poll(10, TimeUnit.SECONDS));

      assertEquals(204, lambda.invoke(b -> b.functionName("process").invocationType(InvocationType.DRY_RUN)).statusCode());
      assertTrue(services.lambda().awaitIdle(Duration.ofSeconds(10)));
      assertTrue(ran.isEmpty(), "a dry run runs nothing");
    }
  }

  @Test
  void anEventQueuedAtCloseStillRuns() throws Exception {
    LinkedBlockingQueue<String> ran = new LinkedBlockingQueue<>();
    try (AwsServices services = AwsServices.start(null, 0); LambdaClient lambda = Clients.lambda(services.endpoint())) {
      services.lambda().register("slow", payload -> {
        Thread.sleep(200);
        ran.add(payload);
        return null;
      });
      for (int i = 0; i < 3; i++) {
        String payload = "{\"n\":" + i + "}";
        lambda.invoke(b -> b.functionName("slow").invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)));
      }
    }
    assertEquals(3, ran.size(), "close drains the queue");
  }

  @Test
  void unknownFunctionsAndBadPayloadsAreRefusedAsLambdaRefusesThem() {
    try (AwsServices services = AwsServices.start(null, 0); LambdaClient lambda = Clients.lambda(services.endpoint())) {
      services.lambda().register("process", payload -> "null");
      ResourceNotFoundException unknown = assertThrows(ResourceNotFoundException.class,
          () -> lambda.invoke(b -> b.functionName("nowhere").invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}"))));
      assertEquals(404, unknown.statusCode());
      assertEquals("ResourceNotFoundException", unknown.awsErrorDetails().errorCode());
      assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nowhere", unknown.awsErrorDetails().errorMessage());
      assertEquals("User", unknown.type());

      assertThrows(ResourceNotFoundException.class, () -> lambda.invoke(b -> b.functionName("process").qualifier("7")),
          "only $LATEST exists");
      assertThrows(ResourceNotFoundException.class,
          () -> lambda.invoke(b -> b.functionName("arn:aws:lambda:eu-west-1:000000000000:function:process")), "another region");
      assertThrows(InvalidRequestContentException.class,
          () -> lambda.invoke(b -> b.functionName("process").payload(SdkBytes.fromUtf8String("{not json"))));
      assertTrue(services.lambda().invocations().isEmpty(), "nothing refused was invoked");
    }
  }
}
