package io.filestore.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * API Gateway's basic request validation, from the spec's request validators: required query strings
 * and headers present and not blank, and a JSON body conforming to its schema (JSON Schema draft 4, the
 * dialect of API Gateway's models). A failure answers with the BAD_REQUEST_PARAMETERS or
 * BAD_REQUEST_BODY gateway response before the function is invoked.
 */
final class RequestValidator {
  record Failure(String gatewayResponse, String message, String validationErrors) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

  /**
   * @param header a header's value by name, in any case, or null
   * @return why API Gateway refuses the request, or null when it passes
   */
  Failure check(ApiSpec.Validation validation, Map<String, List<String>> query, Function<String, String> header,
      byte[] body) {
    if (validation.params()) {
      List<String> missing = new ArrayList<>();
      for (String name : validation.requiredQuery()) {
        if (!query.containsKey(name) || query.get(name).stream().allMatch(String::isBlank)) {
          missing.add(name);
        }
      }
      for (String name : validation.requiredHeaders()) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        String message = "Missing required request parameters: " + missing;
        return new Failure("BAD_REQUEST_PARAMETERS", message, message);
      }
    }
    if (!validation.body()) {
      return null;
    }
    String contentType = header.apply("content-type");
    // API Gateway takes a request without a Content-Type as application/json.
    String mediaType = contentType == null ? "application/json"
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode schema = validation.bodySchemas().get(mediaType);
    if (schema == null) {
      return null;
    }
    JsonNode document;
    try {
      document = body.length == 0 ? null : JSON.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      document = null;
    }
    if (document == null) {
      return new Failure("BAD_REQUEST_BODY", "Invalid request body", "[The request body is not JSON]");
    }
    List<String> errors = new ArrayList<>();
    for (ValidationMessage m : compiled.computeIfAbsent(schema, factory::getSchema).validate(document)) {
      errors.add(m.getMessage());
    }
    if (errors.isEmpty()) {
      return null;
    }
    errors.sort(String::compareTo);
    return new Failure("BAD_REQUEST_BODY", "Invalid request body", errors.toString());
  }
}
