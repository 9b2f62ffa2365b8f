package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A token's claims as a REST API's Cognito authorizer hands them to the function in
 * {@code requestContext.authorizer.claims}: a flat map of strings. API Gateway renders {@code exp} and
 * {@code iat} as Java's Date.toString does in UTC, other numbers and booleans as their JSON text, and
 * an array (such as {@code cognito:groups}) as its elements joined with commas.
 */
final class AuthorizerClaims {
  /** Date.toString's pattern; "UTC" as a zone id prints "UTC", where ZoneOffset.UTC would print "Z". */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT).withZone(ZoneId.of("UTC"));

  private AuthorizerClaims() {}

  static Map<String, String> of(JsonNode payload) {
    Map<String, String> claims = new LinkedHashMap<>();
    payload.fields().forEachRemaining(claim -> {
      String name = claim.getKey();
      JsonNode value = claim.getValue();
      if (value.isNull()) {
        return;
      }
      if ((name.equals("exp") || name.equals("iat")) && value.isIntegralNumber()) {
        claims.put(name, DATE.format(Instant.ofEpochSecond(value.asLong())));
      } else if (value.isArray()) {
        List<String> elements = new ArrayList<>();
        value.forEach(e -> elements.add(text(e)));
        claims.put(name, String.join(",", elements));
      } else {
        claims.put(name, text(value));
      }
    });
    return claims;
  }

  /** Strings as they are; numbers and booleans as their JSON text; objects as JSON. */
  private static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
