package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's Access-Control-Allow-Origin with several allowed origins (CORS_ALLOW_ORIGIN,
 * comma-separated, as Terraform sets it when the web client is hosted): a listed Origin is echoed,
 * any other request gets the first listed origin (so the browser refuses it), and "*" stays "*";
 * every answer varies by Origin. Calls go through the Lambda serializer, as API Gateway sends them.
 */
@ExtendWith(LocalAws.class)
class CorsOriginTest {
  private static final String APP = "https://app.example.com";
  private static final String WEB = "https://d111111abcdef8.cloudfront.net";

  private static final class Call {
    final int status;
    final String allowOrigin;
    final String vary;

    Call(JsonNode response) {
      status = response.path("statusCode").asInt();
      allowOrigin = response.path("headers").path("Access-Control-Allow-Origin").asText(null);
      vary = response.path("headers").path("Vary").asText(null);
    }
  }

  /** GET /files with the API key, and an Origin header under this name when origin is not null. */
  private static Call listFiles(ApiFunction function, String headerName, String origin) {
    ObjectNode event;
    try (InputStream in = CorsOriginTest.class.getResourceAsStream("/events/api-request.json")) {
      event = (ObjectNode) Api.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode headers = (ObjectNode) event.get("headers");
    ObjectNode multiHeaders = (ObjectNode) event.get("multiValueHeaders");
    headers.put("x-api-key", Functions.KEY);
    multiHeaders.putArray("x-api-key").add(Functions.KEY);
    if (origin != null) {
      headers.put(headerName, origin);
      multiHeaders.putArray(headerName).add(origin);
    }
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("requestId", UUID.randomUUID().toString());
    ObjectNode identity = (ObjectNode) context.get("identity");
    identity.put("apiKey", Functions.KEY);
    identity.put("apiKeyId", "id-" + Functions.KEY.hashCode());
    String out = Lambda.invoke(function, APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, event.toString());
    return new Call(Functions.read(out));
  }

  private static Call listFiles(ApiFunction function, String origin) {
    return listFiles(function, "Origin", origin);
  }

  @Test
  void aListedOriginIsEchoed() {
    ApiFunction api = Functions.deploy(Functions.settings("CORS_ALLOW_ORIGIN", APP + "," + WEB)).apiFunction;
    for (String origin : List.of(APP, WEB)) {
      Call call = listFiles(api, origin);
      assertEquals(200, call.status);
      assertEquals(origin, call.allowOrigin);
      assertEquals("Origin", call.vary);
    }
    assertEquals(WEB, listFiles(api, "origin", WEB).allowOrigin, "HTTP/2 clients send the header name in lowercase");
  }

  @Test
  void anyOtherOriginGetsTheFirstConfiguredOne() {
    ApiFunction api = Functions.deploy(Functions.settings("CORS_ALLOW_ORIGIN", APP + ", " + WEB)).apiFunction;
    // Compared exactly: another host, scheme or port, a trailing slash or other case is another origin.
    for (String origin : List.of("https://evil.example.com", "http://app.example.com", "https://app.example.com:8443",
        "https://app.example.com/", "https://APP.example.com", "null")) {
      Call call = listFiles(api, origin);
      assertEquals(200, call.status);
      assertEquals(APP, call.allowOrigin, origin);
      assertEquals("Origin", call.vary);
    }
    assertEquals(APP, listFiles(api, null).allowOrigin, "a request without Origin (not from a browser)");
  }

  @Test
  void aWildcardStaysAWildcard() {
    for (String configured : List.of("*", APP + ",*")) {
      ApiFunction api = Functions.deploy(Functions.settings("CORS_ALLOW_ORIGIN", configured)).apiFunction;
      for (String origin : new String[] {APP, "https://evil.example.com", null}) {
        Call call = listFiles(api, origin);
        assertEquals(200, call.status);
        assertEquals("*", call.allowOrigin, configured + " / " + origin);
        assertEquals("Origin", call.vary);
      }
    }
  }

  @Test
  void allowOriginDecidesFromTheListAlone() {
    assertEquals(WEB, ApiFunction.allowOrigin(List.of(APP, WEB), WEB));
    assertEquals(APP, ApiFunction.allowOrigin(List.of(APP, WEB), "https://other.example.com"));
    assertEquals(APP, ApiFunction.allowOrigin(List.of(APP), null));
    assertEquals("*", ApiFunction.allowOrigin(List.of("*"), APP));
  }
}
