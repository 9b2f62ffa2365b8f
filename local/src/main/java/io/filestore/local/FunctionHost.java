package io.filestore.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One function, hosted as Lambda hosts it: built once from its environment, invoked one event at a
 * time, with the payload read and the result written by the Lambda runtime's own serializer.
 */
final class FunctionHost {
  private final Wiring.Function wiring;
  private final RequestHandler<Object, Object> handler;
  private final PojoSerializer<Object> input;

  @SuppressWarnings("unchecked")
  FunctionHost(Wiring.Function wiring, Map<String, String> environment) {
    this.wiring = wiring;
    try {
      Class<?> type = Class.forName(wiring.className());
      this.handler = (RequestHandler<Object, Object>) type.getConstructor(Map.class).newInstance(environment);
      this.input = (PojoSerializer<Object>) serializer(Class.forName(wiring.inputType()));
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
    Object event = input.fromJson(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)));
    Object result = handler.handleRequest(event, new LocalContext(wiring.name()));
    if (result == null) {
      return "null";
    }
    @SuppressWarnings("unchecked")
    PojoSerializer<Object> output = (PojoSerializer<Object>) serializer(result.getClass());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    output.toJson(result, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static PojoSerializer<?> serializer(Class<?> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, FunctionHost.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
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
