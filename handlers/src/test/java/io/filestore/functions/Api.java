package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.api.ApiRouting;
import io.filestore.api.CollectionsApiDispatcher;
import io.filestore.api.FilesApiDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the API function with the events API Gateway sends for a REST proxy integration (built from
 * the fixture events/api-request.json), through the Lambda serializer.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode TEMPLATE = load();
  private static final List<String> ROUTES = routes();

  private final ApiFunction function;
  private final String apiKey;
  private final String userSub;
  private final String groups;

  Api(ApiFunction function, String apiKey) {
    this(function, apiKey, null, null);
  }

  private Api(ApiFunction function, String apiKey, String userSub, String groups) {
    this.function = function;
    this.apiKey = apiKey;
    this.userSub = userSub;
    this.groups = groups;
  }

  /** The same API, called with another API key: another caller. */
  Api as(String otherKey) {
    return new Api(function, otherKey, null, null);
  }

  /** The same API, called by a user-pool user through the authorizer (the key still identifies the app). */
  Api asUser(String sub) {
    return new Api(function, apiKey, sub, null);
  }

  /** A user in these user-pool groups, as the authorizer renders the claim ("admins" or "[admins, editors]"). */
  Api asUser(String sub, String groupsClaim) {
    return new Api(function, apiKey, sub, groupsClaim);
  }

  /** The principal this caller is to the API: the user's, or the API key's. */
  String principal() {
    return userSub != null ? io.filestore.domain.Principals.ofUser(userSub) : io.filestore.domain.Principals.ofApiKey(apiKey);
  }

  Response put(String path, String body) {
    return call("PUT", path, Map.of(), body);
  }

  Response get(String path) {
    return call("GET", path, Map.of(), null);
  }

  Response get(String path, Map<String, String> query) {
    return call("GET", path, query, null);
  }

  Response post(String path, String body) {
    return call("POST", path, Map.of(), body);
  }

  Response delete(String path) {
    return call("DELETE", path, Map.of(), null);
  }

  Response call(String method, String path, Map<String, String> query, String body) {
    ObjectNode event = TEMPLATE.deepCopy();
    event.put("httpMethod", method);
    event.put("path", path);
    ApiRouting.Match match = ApiRouting.match(new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path),
        ROUTES);
    String resource = match == null ? path : match.route().substring(match.route().indexOf(' ') + 1);
    event.put("resource", resource);
    if (match != null && !match.pathParams().isEmpty()) {
      event.set("pathParameters", JSON.valueToTree(match.pathParams()));
    }
    if (!query.isEmpty()) {
      event.set("queryStringParameters", JSON.valueToTree(query));
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach((k, v) -> multi.putArray(k).add(v));
    }
    event.put("body", body);
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("httpMethod", method);
    context.put("resourcePath", resource);
    context.put("path", "/dev" + path);
    context.put("requestId", UUID.randomUUID().toString());
    ObjectNode identity = (ObjectNode) context.get("identity");
    ObjectNode headers = (ObjectNode) event.get("headers");
    ObjectNode multiHeaders = (ObjectNode) event.get("multiValueHeaders");
    if (apiKey == null) {
      identity.putNull("apiKey");
      identity.putNull("apiKeyId");
      headers.remove("x-api-key");
      multiHeaders.remove("x-api-key");
    } else {
      identity.put("apiKey", apiKey);
      identity.put("apiKeyId", "id-" + apiKey.hashCode());
      headers.put("x-api-key", apiKey);
      ((ArrayNode) multiHeaders.putArray("x-api-key")).add(apiKey);
    }
    if (userSub != null) {
      // As API Gateway's Cognito authorizer fills it: every claim a string.
      ObjectNode claims = context.putObject("authorizer").putObject("claims");
      claims.put("sub", userSub);
      claims.put("token_use", "id");
      claims.put("cognito:username", userSub);
      claims.put("exp", "Tue Apr 04 18:39:39 UTC 2030");
      if (groups != null) {
        claims.put("cognito:groups", groups);
      }
    }
    String out = Lambda.invoke(function, APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, event.toString());
    try {
      JsonNode response = JSON.readTree(out);
      Map<String, String> responseHeaders = new LinkedHashMap<>();
      response.path("headers").fields().forEachRemaining(h -> responseHeaders.put(h.getKey(), h.getValue().asText()));
      String text = response.path("body").isNull() ? null : response.path("body").asText(null);
      return new Response(response.path("statusCode").asInt(), responseHeaders, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> routes() {
    List<String> routes = new ArrayList<>(FilesApiDispatcher.ROUTES);
    routes.addAll(CollectionsApiDispatcher.ROUTES);
    routes.addAll(io.filestore.api.ProcessingApiDispatcher.ROUTES);
    return routes;
  }

  private static ObjectNode load() {
    try (InputStream in = Api.class.getResourceAsStream("/events/api-request.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Response(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return body == null ? JSON.missingNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + body, e);
      }
    }

    /** The problem's stable type without its prefix, e.g. "not-found". */
    String problemType() {
      String type = json().path("type").asText();
      return type.substring(type.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }
}
