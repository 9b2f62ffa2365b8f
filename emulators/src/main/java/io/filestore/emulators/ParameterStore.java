package io.filestore.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SSM Parameter Store's data: named, typed, versioned values, with the rules AWS applies to names, types
 * and values. Kept in memory, or in {@code <data>/ssm/parameters.json} when a folder is given (written
 * aside and moved into place, so a crash never leaves half a file). SecureString values are kept as
 * plain text here: this store is for a developer's machine and tests, never for real secrets.
 */
public final class ParameterStore {
  public static final String STRING = "String";
  public static final String STRING_LIST = "StringList";
  public static final String SECURE_STRING = "SecureString";
  private static final List<String> TYPES = List.of(SECURE_STRING, STRING_LIST, STRING);
  /** The Standard tier's limit. */
  static final int MAX_VALUE = 4096;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,1011}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One parameter's current version. */
  public record Parameter(String name, String type, String value, long version, Instant lastModified) {
    public String arn() {
      return "arn:aws:ssm:" + Emulators.REGION + ":" + AwsServices.ACCOUNT + ":parameter" + (name.startsWith("/") ? "" : "/") + name;
    }
  }

  private final Path file;
  private final TreeMap<String, Parameter> parameters = new TreeMap<>();

  /** @param file where to persist, or null for memory only */
  ParameterStore(Path file) {
    this.file = file;
    if (file != null && Files.exists(file)) {
      load();
    }
  }

  /**
   * Creates or overwrites a parameter, as PutParameter with Overwrite does.
   *
   * @return its new version
   */
  public long put(String name, String type, String value) {
    return putParameter(name, type, value, true).version();
  }

  /** Creates a parameter only if none has this name, so that seeding never undoes an administrator's change. */
  public synchronized boolean putIfAbsent(String name, String type, String value) {
    if (parameters.containsKey(name)) {
      return false;
    }
    putParameter(name, type, value, false);
    return true;
  }

  public synchronized Optional<Parameter> find(String name) {
    return Optional.ofNullable(parameters.get(normalize(name)));
  }

  public synchronized List<Parameter> all() {
    return List.copyOf(parameters.values());
  }

  public synchronized boolean delete(String name) {
    boolean removed = parameters.remove(normalize(name)) != null;
    if (removed) {
      save();
    }
    return removed;
  }

  /** PutParameter: a new name needs a type; an existing one needs Overwrite, and its version grows. */
  synchronized Parameter putParameter(String name, String type, String value, boolean overwrite) {
    validateName(name);
    if (type != null && !TYPES.contains(type)) {
      throw new AwsError(400, "ValidationException", "1 validation error detected: Value '" + type
          + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: " + TYPES);
    }
    if (value == null) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value null at 'value' failed to satisfy constraint: Member must not be null");
    }
    if (value.isEmpty()) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (value.length() > MAX_VALUE) {
      throw new AwsError(400, "ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters. "
          + "To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
    }
    Parameter current = parameters.get(name);
    if (current != null && !overwrite) {
      throw new AwsError(400, "ParameterAlreadyExists",
          "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
    }
    if (current == null && type == null) {
      throw new AwsError(400, "ValidationException", "A parameter type is required when you create a parameter.");
    }
    Parameter next = new Parameter(name, type != null ? type : current.type(), value, current == null ? 1 : current.version() + 1,
        Instant.ofEpochMilli(System.currentTimeMillis()));
    parameters.put(name, next);
    save();
    return next;
  }

  /** GetParametersByPath: the parameters below a path, one level deep unless recursive. */
  synchronized List<Parameter> byPath(String path, boolean recursive) {
    if (!path.startsWith("/")) {
      throw new AwsError(400, "ValidationException", "The parameter doesn't meet the parameter name requirements. "
          + "The parameter name must begin with a forward slash \"/\".");
    }
    String prefix = path.endsWith("/") ? path : path + "/";
    List<Parameter> found = new ArrayList<>();
    for (Parameter p : parameters.values()) {
      if (p.name().startsWith(prefix) && (recursive || p.name().indexOf('/', prefix.length()) < 0)) {
        found.add(p);
      }
    }
    return found;
  }

  /** A parameter may be named by its ARN. */
  static String normalize(String name) {
    String marker = ":parameter";
    if (name != null && name.startsWith("arn:") && name.contains(marker)) {
      String rest = name.substring(name.indexOf(marker) + marker.length());
      return rest.indexOf('/', 1) > 0 ? rest : rest.substring(1);
    }
    return name;
  }

  private static void validateName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new AwsError(400, "ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). "
          + "It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). "
          + "Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". "
          + "Valid example: /get/parameters2-/by1./path0_.");
    }
    if (name.contains("/") && !name.startsWith("/")) {
      throw new AwsError(400, "ValidationException", "Parameter name must be a fully qualified name.");
    }
    String first = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    if (first.startsWith("aws") || first.startsWith("ssm")) {
      throw new AwsError(400, "ValidationException", "No access to reserved parameter name: " + name + ".");
    }
    if (name.chars().filter(c -> c == '/').count() > 15) {
      throw new AwsError(400, "HierarchyLevelLimitExceededException",
          "Parameter name hierarchy limit exceeded. A parameter name can have a maximum of 15 levels.");
    }
  }

  private void load() {
    try {
      for (JsonNode p : JSON.readTree(file.toFile()).path("parameters")) {
        parameters.put(p.path("name").asText(), new Parameter(p.path("name").asText(), p.path("type").asText(),
            p.path("value").asText(), p.path("version").asLong(), Instant.ofEpochMilli(p.path("lastModified").asLong())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the SSM parameters in " + file, e);
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("parameters");
    for (Parameter p : parameters.values()) {
      list.addObject().put("name", p.name()).put("type", p.type()).put("value", p.value()).put("version", p.version())
          .put("lastModified", p.lastModified().toEpochMilli());
    }
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the SSM parameters to " + file, e);
    }
  }
}
