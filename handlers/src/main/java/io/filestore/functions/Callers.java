package io.filestore.functions;

import io.filestore.domain.Principals;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from what API Gateway put in the request context: the JWT subject when an
 * authorizer ran, otherwise the API key the gateway validated. The events library's RequestIdentity
 * has no apiKeyId, so the runtime drops it; the key itself is there, and a digest of it is as stable
 * as its id without storing the secret (see {@link Principals}).
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
      return Principals.ofUser(sub);
    }
    var identity = context.getIdentity();
    if (identity != null && identity.getApiKey() != null && !identity.getApiKey().isBlank()) {
      return Principals.ofApiKey(identity.getApiKey());
    }
    return null;
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
