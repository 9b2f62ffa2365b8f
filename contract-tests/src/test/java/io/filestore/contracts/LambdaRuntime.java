package io.filestore.contracts;

import au.com.dius.pact.provider.MessageAndMetadata;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.functions.Lambda;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a direct invocation answers: the function's result written by the Lambda serializer, or, when the
 * handler throws, the error payload the Java runtime returns (errorType and errorMessage).
 */
public final class LambdaRuntime {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaRuntime() {}

  public static <I, O> MessageAndMetadata invoke(RequestHandler<I, O> handler, Class<I> in, Class<O> out, byte[] payload) {
    String response;
    try {
      response = Lambda.invoke(handler, in, out, new String(payload, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      ObjectNode error = JSON.createObjectNode();
      error.put("errorMessage", e.getMessage());
      error.put("errorType", e.getClass().getName());
      error.putArray("stackTrace");
      response = error.toString();
    }
    return new MessageAndMetadata(response.getBytes(StandardCharsets.UTF_8), Map.of("contentType", "application/json"));
  }
}
