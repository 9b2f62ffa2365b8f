package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi/filestore.yaml as API Gateway reads it: rendered like Terraform's templatefile(), then its
 * routes, which of them need an API key, which are mock integrations (CORS preflights) and what they
 * answer, and the gateway responses. The local gateway has no route table of its own.
 */
final class ApiSpec {
  record Operation(String method, String resource, boolean needsApiKey, boolean mock, int mockStatus,
      Map<String, String> mockHeaders, Validation validation) {}

  /**
   * What the operation's x-amazon-apigateway-request-validator asks API Gateway to check: that the
   * required query strings and headers are present and not blank, and that a body whose media type
   * has a schema conforms to it (bodies of any other media type pass unchecked, as on AWS).
   */
  record Validation(boolean params, boolean body, List<String> requiredQuery, List<String> requiredHeaders,
      boolean bodyRequired, Map<String, JsonNode> bodySchemas) {
    static final Validation NONE = new Validation(false, false, List.of(), List.of(), false, Map.of());
  }

  record GatewayResponse(int status, Map<String, String> headers, String template) {}

  record Match(Operation operation, Map<String, String> pathParameters) {}

  private final List<Operation> operations;
  private final Map<String, GatewayResponse> gatewayResponses;

  private ApiSpec(List<Operation> operations, Map<String, GatewayResponse> gatewayResponses) {
    this.operations = operations;
    this.gatewayResponses = gatewayResponses;
  }

  static ApiSpec read(Path file, Map<String, String> variables) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> v : variables.entrySet()) {
      text = text.replace("${" + v.getKey() + "}", v.getValue());
    }
    text = text.replace("$${", "${");
    Object yaml = new Yaml(new LoaderOptions()).load(text);
    JsonNode spec = new ObjectMapper().valueToTree(yaml);
    boolean securedByDefault = spec.path("security").size() > 0;
    String defaultValidator = spec.path("x-amazon-apigateway-request-validator").asText(null);
    JsonNode validators = spec.path("x-amazon-apigateway-request-validators");
    List<Operation> operations = new ArrayList<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      String method = op.getKey().toUpperCase(Locale.ROOT);
      if (!List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS").contains(method)) {
        return;
      }
      JsonNode operation = op.getValue();
      boolean secured = operation.has("security") ? operation.path("security").size() > 0 : securedByDefault;
      JsonNode integration = operation.path("x-amazon-apigateway-integration");
      boolean mock = "mock".equals(integration.path("type").asText());
      Map<String, String> headers = new LinkedHashMap<>();
      JsonNode response = integration.path("responses").path("default");
      response.path("responseParameters").fields().forEachRemaining(h ->
          headers.put(h.getKey().replace("method.response.header.", ""), unquote(h.getValue().asText())));
      String validatorName = operation.path("x-amazon-apigateway-request-validator").asText(defaultValidator);
      Validation validation = validatorName == null || mock ? Validation.NONE
          : validation(spec, validators.path(validatorName), path.getValue().path("parameters"), operation);
      operations.add(new Operation(method, path.getKey(), secured, mock, response.path("statusCode").asInt(200), headers,
          validation));
    }));
    Map<String, GatewayResponse> responses = new HashMap<>();
    spec.path("x-amazon-apigateway-gateway-responses").fields().forEachRemaining(r -> {
      Map<String, String> headers = new LinkedHashMap<>();
      r.getValue().path("responseParameters").fields().forEachRemaining(h ->
          headers.put(h.getKey().replace("gatewayresponse.header.", ""), unquote(h.getValue().asText())));
      String template = r.getValue().path("responseTemplates").elements().hasNext()
          ? r.getValue().path("responseTemplates").elements().next().asText() : "";
      responses.put(r.getKey(), new GatewayResponse(r.getValue().path("statusCode").asInt(0), headers, template));
    });
    return new ApiSpec(List.copyOf(operations), Map.copyOf(responses));
  }

  private static Validation validation(JsonNode spec, JsonNode validator, JsonNode pathParameters, JsonNode operation) {
    List<String> query = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    List<JsonNode> parameters = new ArrayList<>();
    pathParameters.forEach(parameters::add);
    operation.path("parameters").forEach(parameters::add);
    for (JsonNode parameter : parameters) {
      JsonNode p = resolve(spec, parameter);
      if (p.path("required").asBoolean(false)) {
        switch (p.path("in").asText()) {
          case "query" -> query.add(p.path("name").asText());
          case "header" -> headers.add(p.path("name").asText().toLowerCase(Locale.ROOT));
          default -> { }
        }
      }
    }
    JsonNode requestBody = resolve(spec, operation.path("requestBody"));
    Map<String, JsonNode> schemas = new LinkedHashMap<>();
    requestBody.path("content").fields().forEachRemaining(c ->
        schemas.put(c.getKey().toLowerCase(Locale.ROOT), inline(spec, c.getValue().path("schema"))));
    return new Validation(validator.path("validateRequestParameters").asBoolean(false),
        validator.path("validateRequestBody").asBoolean(false), List.copyOf(query), List.copyOf(headers),
        requestBody.path("required").asBoolean(false), Map.copyOf(schemas));
  }

  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    while (node.has("$ref")) {
      node = spec.at(node.path("$ref").asText().substring(1));
    }
    return node;
  }

  /** The schema with every $ref replaced by its target, as API Gateway flattens it into a model. */
  private static JsonNode inline(JsonNode spec, JsonNode schema) {
    JsonNode resolved = resolve(spec, schema);
    var copy = JsonNodeFactory.instance.objectNode();
    resolved.fields().forEachRemaining(f -> {
      switch (f.getKey()) {
        case "example", "description", "nullable" -> { }
        case "properties" -> {
          var properties = copy.putObject("properties");
          f.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), inline(spec, p.getValue())));
        }
        case "items", "additionalProperties", "not" ->
            copy.set(f.getKey(), f.getValue().isObject() ? inline(spec, f.getValue()) : f.getValue());
        case "allOf", "anyOf", "oneOf" -> {
          var all = copy.putArray(f.getKey());
          f.getValue().forEach(e -> all.add(inline(spec, e)));
        }
        default -> copy.set(f.getKey(), f.getValue());
      }
    });
    return copy;
  }

  List<Operation> operations() {
    return operations;
  }

  /** @return the operation for this method and raw path, or null when API Gateway would not route it */
  Match match(String method, String rawPath) {
    String[] actual = segments(rawPath);
    for (Operation op : operations) {
      if (!op.method().equals(method)) {
        continue;
      }
      String[] template = segments(op.resource());
      if (template.length != actual.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        if (template[i].startsWith("{") && template[i].endsWith("}")) {
          String value = decodePath(actual[i]);
          matches = !value.isEmpty();
          params.put(template[i].substring(1, template[i].length() - 1), value);
        } else {
          matches = template[i].equals(actual[i]);
        }
      }
      if (matches) {
        return new Match(op, params);
      }
    }
    return null;
  }

  /** A gateway response, falling back to DEFAULT_4XX / DEFAULT_5XX as API Gateway does. */
  GatewayResponse gatewayResponse(String type, int status) {
    GatewayResponse response = gatewayResponses.get(type);
    if (response == null) {
      response = gatewayResponses.get(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
    }
    return response;
  }

  /** Percent-decodes a path as API Gateway does: unlike a query string, '+' stays '+'. */
  static String decodePath(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String[] segments(String path) {
    String s = path.startsWith("/") ? path.substring(1) : path;
    s = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    return s.split("/", -1);
  }

  /** API Gateway writes static header values as '...' literals. */
  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
  }
}
