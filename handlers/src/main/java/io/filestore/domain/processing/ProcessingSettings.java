package io.filestore.domain.processing;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The processing settings as an administrator left them in the settings store. {@code endpoint} is null
 * while none is configured and {@code secret} is null where it was not asked for (the API never reads it).
 */
public record ProcessingSettings(boolean enabled, URI endpoint, Duration timeout, int maxAttempts, byte[] secret,
    Set<String> adminPrincipals) {

  public static final int MAX_TIMEOUT_SECONDS = 60;
  public static final int MAX_ATTEMPTS = 20;

  public ProcessingSettings {
    adminPrincipals = adminPrincipals == null ? Set.of() : Set.copyOf(adminPrincipals);
  }

  /** Why a job may not call the endpoint now, or null when it may (on, with an endpoint and a secret to sign with). */
  public String inactiveReason() {
    if (!enabled) {
      return "Processing was off";
    }
    if (endpoint == null) {
      return "No processing endpoint is configured";
    }
    return secret == null ? "No signing secret is configured" : null;
  }
}
