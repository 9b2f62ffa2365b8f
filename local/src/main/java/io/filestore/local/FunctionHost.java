package io.filestore.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One function, hosted as Lambda hosts it: loaded from the artifact (Artifact), built once from its
 * environment, invoked one event at a time, with the payload read and the result written by the Lambda
 * runtime's own serializer.
 */
final class FunctionHost {
  private final Wiring.Function wiring;
  private final Artifact artifact;
  private final RequestHandler<Object, Object> handler;
  private final Artifact.Serializer input;
  /** The results' serializers, by result class; invoke is synchronized. */
  private final Map<Class<?>, Artifact.Serializer> outputs = new HashMap<>();

  @SuppressWarnings("unchecked")
  FunctionHost(Wiring.Function wiring, Map<String, String> environment, Artifact artifact) {
    this.wiring = wiring;
    this.artifact = artifact;
    try {
      this.handler = (RequestHandler<Object, Object>) artifact.load(wiring.className()).getConstructor(Map.class)
          .newInstance(environment);
      this.input = artifact.serializer(artifact.load(wiring.inputType()));
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Function " + wiring.name() + " could not start: " + cause.getMessage(), cause);
    }
  }

  String name() {
    return wiring.name();
  }

  /** @return the function's result as JSON */
  synchronized String invoke(String payload) {
    Object result = handler.handleRequest(input.read(payload), new LocalContext(wiring.name()));
    return result == null ? "null" : outputs.computeIfAbsent(result.getClass(), artifact::serializer).write(result);
  }

  /** The invocation context: a request id per invocation, as Lambda gives. */
  private record LocalContext(String function, String requestId) implements Context {
    LocalContext(String function) {
      this(function, UUID.randomUUID().toString());
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/filestore-" + function + "-local"; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return "filestore-" + function + "-local"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:filestore-" + function + "-local"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
  }
}
