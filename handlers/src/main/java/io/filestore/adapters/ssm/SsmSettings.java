package io.filestore.adapters.ssm;

import io.filestore.adapters.aws.AwsRequestException;
import io.filestore.adapters.aws.AwsRequests;
import io.filestore.adapters.aws.JsonBodies;
import io.filestore.domain.processing.ProcessingSettings;
import io.filestore.ports.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * The settings in SSM Parameter Store, under {@code <prefix>/}: one GetParameters call for all of them,
 * kept for a short time, so a change reaches every instance within that time without a call per request.
 * A parameter that is missing or unreadable falls back to its default, so a mistyped value pauses
 * processing (or keeps a safe default) instead of failing every function.
 */
public final class SsmSettings implements Settings {
  public static final String ENABLED = "processing/enabled";
  public static final String ENDPOINT = "processing/endpoint";
  public static final String TIMEOUT = "processing/timeout-seconds";
  public static final String MAX_ATTEMPTS = "processing/max-attempts";
  public static final String SECRET = "processing/secret";
  public static final String ADMINS = "admin-principals";

  private static final Map<String, String> TARGET = Map.of("Content-Type", "application/x-amz-json-1.1");

  private final AwsRequests aws;
  private final URI endpoint;
  private final String prefix;
  private final boolean withSecret;
  private final Duration cacheTime;
  private final Clock clock;
  private ProcessingSettings cached;
  private Instant cachedUntil = Instant.MIN;

  /** @param withSecret whether to read (and decrypt) the signing secret; only the functions that sign need it */
  public SsmSettings(AwsRequests aws, URI endpoint, String prefix, boolean withSecret, Duration cacheTime, Clock clock) {
    this.aws = aws;
    this.endpoint = endpoint;
    this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    this.withSecret = withSecret;
    this.cacheTime = cacheTime;
    this.clock = clock;
  }

  @Override
  public synchronized ProcessingSettings processing() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(cachedUntil)) {
      cached = read();
      cachedUntil = now.plus(cacheTime);
    }
    return cached;
  }

  @Override
  public synchronized void setProcessingEnabled(boolean enabled) {
    String body = JsonBodies.object(g -> {
      g.writeStringField("Name", prefix + "/" + ENABLED);
      g.writeStringField("Value", Boolean.toString(enabled));
      g.writeStringField("Type", "String");
      g.writeBooleanField("Overwrite", true);
    });
    call("PutParameter", body);
    cached = null;
  }

  private ProcessingSettings read() {
    List<String> names = withSecret ? List.of(ENABLED, ENDPOINT, TIMEOUT, MAX_ATTEMPTS, SECRET, ADMINS)
        : List.of(ENABLED, ENDPOINT, TIMEOUT, MAX_ATTEMPTS, ADMINS);
    String body = JsonBodies.object(g -> {
      g.writeArrayFieldStart("Names");
      for (String name : names) {
        g.writeString(prefix + "/" + name);
      }
      g.writeEndArray();
      g.writeBooleanField("WithDecryption", withSecret);
    });
    Map<String, String> values = parameters(call("GetParameters", body));
    String secret = values.get(SECRET);
    return new ProcessingSettings(
        "true".equalsIgnoreCase(values.getOrDefault(ENABLED, "false").trim()),
        endpoint(values.get(ENDPOINT)),
        Duration.ofSeconds(number(values.get(TIMEOUT), 10, 1, ProcessingSettings.MAX_TIMEOUT_SECONDS)),
        (int) number(values.get(MAX_ATTEMPTS), 5, 1, ProcessingSettings.MAX_ATTEMPTS),
        secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8),
        principals(values.get(ADMINS)));
  }

  private String call(String operation, String body) {
    Map<String, String> headers = new HashMap<>(TARGET);
    headers.put("X-Amz-Target", "AmazonSSM." + operation);
    AwsRequests.Response response = aws.post("ssm", endpoint, "/", headers, body);
    if (!response.ok()) {
      throw new AwsRequestException("SSM " + operation, response);
    }
    return response.body();
  }

  /** The values of GetParameters' "Parameters", by name relative to the prefix. */
  private Map<String, String> parameters(String body) {
    Map<String, String> values = new HashMap<>();
    try (JsonParser p = JsonBodies.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("SSM answered something other than a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("Parameters") || p.currentToken() != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String name = null;
          String value = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("Name")) {
              name = p.getText();
            } else if (key.equals("Value")) {
              value = p.getText();
            } else {
              p.skipChildren();
            }
          }
          if (name != null && name.startsWith(prefix + "/")) {
            values.put(name.substring(prefix.length() + 1), value);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("SSM answered JSON that could not be read", e);
    }
    return values;
  }

  /** "none" (Terraform's placeholder), blank, or anything but an absolute http(s) URL: no endpoint. */
  private static URI endpoint(String value) {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("none")) {
      return null;
    }
    try {
      URI uri = URI.create(value.trim());
      boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      return web && uri.getHost() != null ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long number(String value, long fallback, long min, long max) {
    try {
      long n = Long.parseLong(value == null ? "" : value.trim());
      return n < min || n > max ? fallback : n;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static Set<String> principals(String list) {
    if (list == null) {
      return Set.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty() && !p.equals("none"))
        .collect(Collectors.toUnmodifiableSet());
  }
}
