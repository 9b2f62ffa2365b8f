package io.filestore.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke on its wire protocol, REST-JSON: {@code POST /2015-03-31/functions/{FunctionName}/invocations}
 * with the payload as the body and {@code X-Amz-Invocation-Type} choosing RequestResponse (200 and the
 * result), Event (202 at once, run from the queue) or DryRun (204). A function that throws still answers
 * 200, with {@code X-Amz-Function-Error: Unhandled} and the error document the Java runtime writes. Errors of
 * the call itself carry {@code x-amzn-ErrorType} and {@code {"Type","message"}}.
 */
final class LambdaProtocol {
  static final String PATH_PREFIX = "/2015-03-31/functions/";
  private static final Pattern PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
  private static final Pattern FUNCTION = Pattern.compile(
      "(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9_-]{1,64})(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");
  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  private static final String JSON_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaFunctions functions;

  LambdaProtocol(LambdaFunctions functions) {
    this.functions = functions;
  }

  ServiceResponse handle(ServiceRequest request) {
    Matcher path = PATH.matcher(request.rawPath());
    if (!request.method().equals("POST") || !path.matches()) {
      throw new AwsError(404, "UnknownOperationException", "Unknown operation " + request.method() + " " + request.rawPath());
    }
    String name = function(URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8), qualifier(request.rawQuery()));
    String type = request.header("X-Amz-Invocation-Type") == null ? "RequestResponse" : request.header("X-Amz-Invocation-Type");
    byte[] body = request.body();
    String payload = body.length == 0 ? "{}" : request.bodyText();
    switch (type) {
      case "Event" -> {
        if (body.length > MAX_ASYNC_PAYLOAD) {
          throw new AwsError(413, "RequestEntityTooLargeException",
              body.length + " byte payload is too large for the Event invocation type (limit " + MAX_ASYNC_PAYLOAD + " bytes)");
        }
        checkJson(payload);
        functions.invokeAsync(name, payload);
        return ServiceResponse.of(202, null, null);
      }
      case "DryRun" -> {
        functions.dryRun(name, payload);
        return ServiceResponse.of(204, null, null);
      }
      case "RequestResponse" -> {
        if (body.length > MAX_SYNC_PAYLOAD) {
          throw new AwsError(413, "RequestEntityTooLargeException",
              "Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
        }
        checkJson(payload);
        ServiceResponse response;
        try {
          String result = functions.invoke(name, payload);
          response = ServiceResponse.of(200, JSON_TYPE, result == null ? "null" : result);
        } catch (Exception | LinkageError e) {
          response = ServiceResponse.of(200, JSON_TYPE, errorDocument(e)).with("X-Amz-Function-Error", "Unhandled");
        }
        response = response.with("X-Amz-Executed-Version", "$LATEST");
        if ("Tail".equals(request.header("X-Amz-Log-Type"))) {
          String log = "START RequestId: " + request.requestId() + " Version: $LATEST\nEND RequestId: " + request.requestId()
              + "\nREPORT RequestId: " + request.requestId() + "\n";
          response = response.with("X-Amz-Log-Result", Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)));
        }
        return response;
      }
      default -> throw new AwsError(400, "InvalidParameterValueException", "1 validation error detected: Value '" + type
          + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
  }

  ServiceResponse error(AwsError error) {
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", error.faultType().equals("Sender") ? "User" : "Service");
    body.put("message", error.getMessage());
    return ServiceResponse.of(error.status(), JSON_TYPE, body.toString()).with("x-amzn-ErrorType", error.code());
  }

  /** Lambda answers signature problems with 403. */
  static AwsError unauthorized(SigV4Verifier.Rejection rejection) {
    return switch (rejection.failure()) {
      case MISSING -> new AwsError(403, "MissingAuthenticationTokenException", rejection.message());
      case INCOMPLETE -> new AwsError(403, "IncompleteSignatureException", rejection.message());
      case UNKNOWN_KEY -> new AwsError(403, "UnrecognizedClientException", rejection.message());
      case MISMATCH, EXPIRED -> new AwsError(403, "InvalidSignatureException", rejection.message());
    };
  }

  /** A name, an ARN or a partial ARN, of this account and region, unqualified or $LATEST. */
  private String function(String given, String qualifier) {
    Matcher m = FUNCTION.matcher(given);
    if (!m.matches()) {
      throw new AwsError(400, "ValidationException", "1 validation error detected: Value '" + given
          + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
          + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }
    String name = m.group(3);
    String version = m.group(4) != null ? m.group(4) : qualifier;
    boolean here = (m.group(1) == null || m.group(1).equals(Emulators.REGION)) && (m.group(2) == null || m.group(2).equals(AwsServices.ACCOUNT));
    if (!here || !functions.exists(name) || (version != null && !version.equals("$LATEST"))) {
      throw new AwsError(404, "ResourceNotFoundException",
          "Function not found: " + LambdaFunctions.arn(name) + (version == null ? "" : ":" + version));
    }
    return name;
  }

  private static String qualifier(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("Qualifier=")) {
        return URLDecoder.decode(pair.substring("Qualifier=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void checkJson(String payload) {
    try (var parser = JSON.getFactory().createParser(payload)) {
      while (parser.nextToken() != null) {
        // Reading every token is the check.
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new AwsError(400, "InvalidRequestContentException", "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AwsError(400, "InvalidRequestContentException", "Could not parse request body into json: " + e.getMessage());
    }
  }

  /** What the Java runtime returns when a handler throws. */
  private static String errorDocument(Throwable e) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("errorMessage", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    doc.put("errorType", e.getClass().getName());
    ArrayNode trace = doc.putArray("stackTrace");
    for (StackTraceElement frame : e.getStackTrace()) {
      trace.add(frame.toString());
    }
    return doc.toString();
  }
}
