package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API Gateway's request validation, as the spec's validators configure it. */
class RequestValidatorTest {
  private static ApiSpec spec;
  private final RequestValidator validator = new RequestValidator();

  @BeforeAll
  static void readSpec() throws Exception {
    spec = ApiSpec.read(Path.of("../openapi/filestore.yaml"), Map.of("cors_allow_origin", "*", "api_function_invoke_arn", "local"));
  }

  private RequestValidator.Failure createFile(String contentType, String body) {
    ApiSpec.Validation validation = spec.match("POST", "/files").operation().validation();
    Function<String, String> headers = name -> name.equals("content-type") ? contentType : null;
    return validator.check(validation, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSpecDeclaresWhatEachOperationValidates() {
    ApiSpec.Validation create = spec.match("POST", "/files").operation().validation();
    assertTrue(create.body() && create.params() && create.bodyRequired());
    assertTrue(create.bodySchemas().containsKey("application/json"));
    ApiSpec.Validation list = spec.match("GET", "/files").operation().validation();
    assertTrue(list.params() && !list.body());
    assertEquals(ApiSpec.Validation.NONE, spec.match("OPTIONS", "/files").operation().validation(), "mocks validate nothing");
  }

  @Test
  void aConformingBodyPasses() {
    assertNull(createFile("application/json", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":3}"));
    assertNull(createFile("application/json; charset=utf-8",
        "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":3,\"metadata\":{\"title\":\"x\"}}"));
    assertNull(createFile(null, "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":3}"),
        "no Content-Type is taken as application/json");
  }

  @Test
  void aBodyThatBreaksTheSchemaIsRefusedNamingWhy() {
    RequestValidator.Failure missing = createFile("application/json", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\"}");
    assertEquals("BAD_REQUEST_BODY", missing.gatewayResponse());
    assertTrue(missing.validationErrors().contains("size"), missing.validationErrors());

    RequestValidator.Failure extra = createFile("application/json",
        "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":3,\"owner\":\"me\"}");
    assertTrue(extra.validationErrors().contains("owner"), extra.validationErrors());

    RequestValidator.Failure slash = createFile("application/json", "{\"name\":\"a.txt\",\"contentType\":\"textplain\",\"size\":3}");
    assertTrue(slash.validationErrors().contains("contentType"), "the pattern needs the slash: " + slash.validationErrors());

    RequestValidator.Failure negative = createFile("application/json", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":-1}");
    assertTrue(negative.validationErrors().contains("size"), negative.validationErrors());

    RequestValidator.Failure control = createFile("application/json", "{\"name\":\"a\\u0007.txt\",\"contentType\":\"text/plain\",\"size\":1}");
    assertTrue(control.validationErrors().contains("name"), control.validationErrors());

    assertEquals("BAD_REQUEST_BODY", createFile("application/json", "{not json").gatewayResponse());
    assertEquals("BAD_REQUEST_BODY", createFile("application/json", "").gatewayResponse());
  }

  @Test
  void aBodyOfAnotherMediaTypeIsNotValidatedAsOnAws() {
    assertNull(createFile("text/plain", "anything"));
  }

  @Test
  void requiredParametersMustBePresentAndNotBlank() {
    ApiSpec.Validation validation = new ApiSpec.Validation(true, false, List.of("limit"), List.of("x-trace"), false, Map.of());
    RequestValidator.Failure failure = validator.check(validation, Map.of("limit", List.of(" ")), name -> null, new byte[0]);
    assertEquals("BAD_REQUEST_PARAMETERS", failure.gatewayResponse());
    assertEquals("Missing required request parameters: [limit, x-trace]", failure.message());
    assertNull(validator.check(validation, Map.of("limit", List.of("5")), name -> name.equals("x-trace") ? "t" : null, new byte[0]));
  }
}
