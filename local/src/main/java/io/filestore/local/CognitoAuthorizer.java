package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway's COGNITO_USER_POOLS authorizer for the local user pool. It takes the Authorization
 * header as is or as {@code Bearer <token>}, and admits an ID token that the pool signed (RS256 under
 * its kid), that the pool issued and that has not expired. An access token is refused: it is admitted
 * only for methods that declare OAuth scopes, and ours declare none.
 */
final class CognitoAuthorizer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UserPool pool;
  private final Clock clock;

  CognitoAuthorizer(UserPool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** @return the claims API Gateway hands the function, or null when the gateway answers 401 */
  Map<String, String> authorize(String authorization) {
    JsonNode claims = verify(authorization);
    return claims == null ? null : AuthorizerClaims.of(claims);
  }

  /** @return the token's verified claims, or null when it is missing, malformed, foreign or expired */
  JsonNode verify(String authorization) {
    if (authorization == null) {
      return null;
    }
    String token = authorization.strip();
    if (token.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      token = token.substring("bearer ".length()).strip();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    JsonNode header = json(parts[0]);
    JsonNode claims = json(parts[1]);
    if (header == null || claims == null
        // Only RS256: "none", HS256 (which would take the public key as a shared secret) and the rest are refused.
        || !"RS256".equals(header.path("alg").textValue())
        || !pool.kid().equals(header.path("kid").textValue())
        || !signedByPool(parts)) {
      return null;
    }
    boolean current = claims.path("exp").isIntegralNumber()
        && clock.instant().getEpochSecond() < claims.path("exp").asLong();
    if (!pool.issuer().equals(claims.path("iss").textValue()) || !current || !"id".equals(claims.path("token_use").textValue())) {
      return null;
    }
    return claims;
  }

  private boolean signedByPool(String[] parts) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(pool.publicKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A base64url JSON object, or null. */
  private static JsonNode json(String part) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
      return node != null && node.isObject() ? node : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
