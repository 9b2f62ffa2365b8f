package io.filestore.functions;

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
import java.util.UUID;

/**
 * Invokes a handler the way the Lambda Java runtime does: the payload is JSON, read into the handler's
 * input type by the runtime's own serializer, and the result is written back to JSON the same way.
 */
public final class Lambda {
  /** The input type of functions invoked with a plain JSON object. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final Class<java.util.Map<String, Object>> MAP = (Class) java.util.Map.class;

  private Lambda() {}

  public static <I, O> String invoke(RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType, String payload) {
    I input = serializer(inputType).fromJson(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)));
    O output = handler.handleRequest(input, new TestContext());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer(outputType).toJson(output, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static <T> PojoSerializer<T> serializer(Class<T> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, Lambda.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }

  /** Lambda's invocation context has no local equivalent; only the request id is read. */
  public static final class TestContext implements Context {
    private final String requestId = UUID.randomUUID().toString();

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/filestore-test"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "filestore-test"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:filestore-test"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 10_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
  }
}
