package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from what API Gateway put in the request context: the JWT subject when an
 * authorizer ran, otherwise the API key the gateway validated. The events library's RequestIdentity
 * has no apiKeyId, so the runtime drops it; the key itself is there, and a digest of it is as stable
 * as its id without storing the secret. The kind prefix keeps users and keys from colliding.
 */
final class Callers {
  private Callers() {}

  /** @return the principal, or null when the gateway identified nobody */
  static String principal(APIGatewayProxyRequestEvent event) {
    var context = event.getRequestContext();
    if (context == null) {
      return null;
    }
    Map<String, Object> authorizer = context.getAuthorizer();
    if (authorizer != null && authorizer.get("claims") instanceof Map<?, ?> claims
        && claims.get("sub") instanceof String sub && !sub.isBlank()) {
      return "user:" + sub;
    }
    var identity = context.getIdentity();
    if (identity != null && identity.getApiKey() != null && !identity.getApiKey().isBlank()) {
      return "key:" + digest(identity.getApiKey());
    }
    return null;
  }

  static String digest(String apiKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The user-pool groups of the caller's token. API Gateway hands claims to the function as strings, and
   * a list claim such as {@code cognito:groups} arrives as its text ("admins" or "[admins, editors]"), so
   * both shapes, with commas or spaces between names, are read.
   */
  static Set<String> groups(APIGatewayProxyRequestEvent event) {
    var context = event.getRequestContext();
    Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
    if (authorizer == null || !(authorizer.get("claims") instanceof Map<?, ?> claims)
        || !(claims.get("cognito:groups") instanceof String text)) {
      return Set.of();
    }
    Set<String> groups = new HashSet<>();
    for (String name : text.replace("[", " ").replace("]", " ").split("[,\\s]+")) {
      if (!name.isBlank()) {
        groups.add(name);
      }
    }
    return Set.copyOf(groups);
  }
}
