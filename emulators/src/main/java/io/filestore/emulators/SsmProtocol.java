package io.filestore.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SSM on its wire protocol, AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target: AmazonSSM.<Operation>}
 * and a JSON body; errors are HTTP 400 with {@code {"__type","message"}} and the {@code x-amzn-ErrorType}
 * header, which is where the SDKs look first.
 */
final class SsmProtocol {
  static final String TARGET_PREFIX = "AmazonSSM.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** KMS ciphertext blobs begin with these bytes, which is why undecrypted values read "AQICAH...". */
  private static final byte[] KMS_BLOB_HEADER = {0x01, 0x02, 0x02, 0x00, 0x78};

  private final ParameterStore store;
  /** Makes the stand-in ciphertext of undecrypted SecureStrings; new per run, as nothing may derive the value from it. */
  private final byte[] cipherKey = new byte[32];

  SsmProtocol(ParameterStore store) {
    this.store = store;
    new SecureRandom().nextBytes(cipherKey);
  }

  ServiceResponse handle(ServiceRequest request) {
    String target = request.header("X-Amz-Target");
    String operation = target.substring(TARGET_PREFIX.length());
    JsonNode input;
    try {
      input = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    } catch (IOException e) {
      throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected.");
    }
    if (input == null || !input.isObject()) {
      throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected.");
    }
    ObjectNode output = switch (operation) {
      case "GetParameter" -> getParameter(input);
      case "GetParameters" -> getParameters(input);
      case "GetParametersByPath" -> getParametersByPath(input);
      case "PutParameter" -> putParameter(input);
      case "DeleteParameter" -> deleteParameter(input);
      default -> throw new AwsError(400, "UnknownOperationException", null);
    };
    return ServiceResponse.of(200, CONTENT_TYPE, output.toString());
  }

  ServiceResponse error(AwsError error) {
    ObjectNode body = JSON.createObjectNode().put("__type", error.code());
    if (error.getMessage() != null) {
      body.put("message", error.getMessage());
    }
    return ServiceResponse.of(error.status(), CONTENT_TYPE, body.toString()).with("x-amzn-ErrorType", error.code());
  }

  /** JSON services answer signature problems with 400 and these codes. */
  static AwsError unauthorized(SigV4Verifier.Rejection rejection) {
    return switch (rejection.failure()) {
      case MISSING -> new AwsError(400, "MissingAuthenticationTokenException", rejection.message());
      case INCOMPLETE -> new AwsError(400, "IncompleteSignatureException", rejection.message());
      case UNKNOWN_KEY -> new AwsError(400, "UnrecognizedClientException", rejection.message());
      case MISMATCH, EXPIRED -> new AwsError(400, "InvalidSignatureException", rejection.message());
    };
  }

  private ObjectNode getParameter(JsonNode input) {
    String name = required(input, "Name", "name");
    ParameterStore.Parameter parameter = store.find(name)
        .orElseThrow(() -> new AwsError(400, "ParameterNotFound", "Parameter " + name + " not found."));
    ObjectNode output = JSON.createObjectNode();
    output.set("Parameter", describe(parameter, input.path("WithDecryption").asBoolean(false)));
    return output;
  }

  private ObjectNode getParameters(JsonNode input) {
    JsonNode names = input.path("Names");
    if (!names.isArray()) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value null at 'names' failed to satisfy constraint: Member must not be null");
    }
    if (names.size() < 1 || names.size() > 10) {
      throw new AwsError(400, "ValidationException", "1 validation error detected: Value '" + names
          + "' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10");
    }
    boolean decrypt = input.path("WithDecryption").asBoolean(false);
    ObjectNode output = JSON.createObjectNode();
    ArrayNode found = output.putArray("Parameters");
    ArrayNode invalid = output.putArray("InvalidParameters");
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode n : names) {
      String name = n.asText();
      if (!seen.add(name)) {
        continue;
      }
      store.find(name).ifPresentOrElse(p -> found.add(describe(p, decrypt)), () -> invalid.add(name));
    }
    return output;
  }

  private ObjectNode getParametersByPath(JsonNode input) {
    String path = required(input, "Path", "path");
    int max = input.path("MaxResults").asInt(10);
    if (max < 1 || max > 10) {
      throw new AwsError(400, "ValidationException", "1 validation error detected: Value '" + max
          + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
    }
    List<ParameterStore.Parameter> all = store.byPath(path, input.path("Recursive").asBoolean(false));
    int from = 0;
    if (input.hasNonNull("NextToken")) {
      try {
        from = Integer.parseInt(new String(Base64.getDecoder().decode(input.path("NextToken").asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AwsError(400, "InvalidNextToken", "The specified token isn't valid.");
      }
    }
    boolean decrypt = input.path("WithDecryption").asBoolean(false);
    ObjectNode output = JSON.createObjectNode();
    ArrayNode found = output.putArray("Parameters");
    List<ParameterStore.Parameter> page = new ArrayList<>(all.subList(Math.min(from, all.size()), Math.min(from + max, all.size())));
    page.forEach(p -> found.add(describe(p, decrypt)));
    if (from + max < all.size()) {
      output.put("NextToken", Base64.getEncoder().encodeToString(String.valueOf(from + max).getBytes(StandardCharsets.UTF_8)));
    }
    return output;
  }

  private ObjectNode putParameter(JsonNode input) {
    String name = required(input, "Name", "name");
    ParameterStore.Parameter saved = store.putParameter(name, input.hasNonNull("Type") ? input.path("Type").asText() : null,
        input.hasNonNull("Value") ? input.path("Value").asText() : null, input.path("Overwrite").asBoolean(false));
    return JSON.createObjectNode().put("Version", saved.version()).put("Tier", "Standard");
  }

  private ObjectNode deleteParameter(JsonNode input) {
    String name = required(input, "Name", "name");
    if (!store.delete(name)) {
      throw new AwsError(400, "ParameterNotFound", "Parameter " + name + " not found.");
    }
    return JSON.createObjectNode();
  }

  private ObjectNode describe(ParameterStore.Parameter p, boolean decrypt) {
    ObjectNode node = JSON.createObjectNode();
    node.put("Name", p.name());
    node.put("Type", p.type());
    node.put("Value", p.type().equals(ParameterStore.SECURE_STRING) && !decrypt ? ciphertext(p) : p.value());
    node.put("Version", p.version());
    // AWS JSON protocols write timestamps as epoch seconds, with the milliseconds as a fraction.
    node.put("LastModifiedDate", BigDecimal.valueOf(p.lastModified().toEpochMilli(), 3));
    node.put("ARN", p.arn());
    node.put("DataType", "text");
    return node;
  }

  /**
   * What AWS returns for a SecureString read without decryption: the value's KMS ciphertext, base64. Here
   * it is shaped like one and stable per version, but derived from the name and version only, so that a
   * caller who forgets WithDecryption gets an unusable value, as on AWS, and never the secret.
   */
  private String ciphertext(ParameterStore.Parameter p) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cipherKey, "HmacSHA256"));
      byte[] blob = new byte[KMS_BLOB_HEADER.length + 32 * 5];
      System.arraycopy(KMS_BLOB_HEADER, 0, blob, 0, KMS_BLOB_HEADER.length);
      for (int block = 0; block < 5; block++) {
        byte[] part = mac.doFinal((p.name() + "\n" + p.version() + "\n" + block).getBytes(StandardCharsets.UTF_8));
        System.arraycopy(part, 0, blob, KMS_BLOB_HEADER.length + block * 32, 32);
      }
      return Base64.getEncoder().encodeToString(blob);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(JsonNode input, String field, String member) {
    if (!input.hasNonNull(field)) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
    return input.path(field).asText();
  }
}
