package io.filestore.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads configuration from environment variables, once, at init. A bad value fails the init with a
 * message that names the variable. It remembers what was read, so tests can hold the wiring to it.
 */
public final class Env {
  private final Map<String, String> variables;
  private final Set<String> read = new TreeSet<>();

  public Env(Map<String, String> variables) {
    this.variables = variables;
  }

  public String required(String name) {
    String value = optional(name);
    if (value == null) {
      throw new ConfigurationException(name + " must be set");
    }
    return value;
  }

  public String get(String name, String defaultValue) {
    String value = optional(name);
    return value == null ? defaultValue : value;
  }

  /** @return null when unset or blank */
  public String optional(String name) {
    read.add(name);
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public boolean bool(String name, boolean defaultValue) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException(name + " must be true or false, not '" + value + "'");
  }

  public long number(String name, long defaultValue, long min, long max) {
    String value = optional(name);
    if (value == null) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " must be a whole number, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigurationException(name + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  public Duration seconds(String name, long defaultSeconds, long min, long max) {
    return Duration.ofSeconds(number(name, defaultSeconds, min, max));
  }

  public List<String> list(String name, String defaultValue) {
    List<String> values = Arrays.stream(get(name, defaultValue).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (values.isEmpty()) {
      throw new ConfigurationException(name + " must list at least one value");
    }
    return values;
  }

  /** The names this configuration has asked for so far. */
  public Set<String> namesRead() {
    return Set.copyOf(read);
  }

  /** Invalid configuration: the function cannot start. */
  public static final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
      super("Invalid configuration: " + message);
    }
  }
}
