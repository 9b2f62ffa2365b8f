package io.filestore.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a deployment accepts: content types (exact, {@code type/*} or {@code *}{@code /*}), a maximum size,
 * and metadata that S3 can carry as {@code x-amz-meta-*} headers.
 */
public final class FilePolicy {
  /** S3 limits user metadata to 2 KB, counted over the keys and the values as sent. */
  public static final int MAX_METADATA_BYTES = 2048;
  public static final int MAX_METADATA_ENTRIES = 10;
  public static final int MAX_METADATA_VALUE_LENGTH = 256;
  /** A description is the one longer value; the 2 KB total still bounds it. */
  public static final int MAX_DESCRIPTION_LENGTH = 1024;
  /** Keys Filestore signs into uploads itself (the collection id); a client may not set them. */
  public static final String RESERVED_METADATA_PREFIX = "filestore-";
  /** Lowercase because S3 lower-cases metadata keys; no underscores, which some proxies drop from headers. */
  private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern CONTROL = Pattern.compile("[\\u0000-\\u001F\\u007F-\\u009F]");

  private final List<String> allowedContentTypes;
  private final long maxSize;

  public FilePolicy(List<String> allowedContentTypes, long maxSize) {
    this.allowedContentTypes = allowedContentTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    this.maxSize = maxSize;
  }

  public List<String> allowedContentTypes() {
    return allowedContentTypes;
  }

  public long maxSize() {
    return maxSize;
  }

  public void check(NewFile file) {
    checkName("name", file.name());
    if (!isAllowed(file.contentType())) {
      throw new ContentTypeRefusedException(file.contentType(), allowedContentTypes);
    }
    if (file.size() < 0 || file.size() > maxSize) {
      throw new InvalidRequestException("size", "must be between 0 and " + maxSize + " bytes");
    }
    checkMetadata(file.metadata());
  }

  /** A name shown to people (a file's, a collection's): not blank, no control characters. */
  public static void checkName(String field, String value) {
    if (value.isBlank() || CONTROL.matcher(value).find()) {
      throw new InvalidRequestException(field, "must not be blank or contain control characters");
    }
  }

  public boolean isAllowed(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    for (String allowed : allowedContentTypes) {
      if (allowed.equals("*/*") || allowed.equals(type)
          || (allowed.endsWith("/*") && slash > 0 && allowed.regionMatches(0, type, 0, slash + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The policy of a collection inside this deployment: its own types, less any this deployment no longer
   * allows, and the smaller of the two maximum sizes.
   */
  public FilePolicy narrowedTo(List<String> contentTypes, Long collectionMaxSize) {
    List<String> types = contentTypes == null ? allowedContentTypes : contentTypes.stream().filter(this::covers).toList();
    return new FilePolicy(types, collectionMaxSize == null ? maxSize : Math.min(maxSize, collectionMaxSize));
  }

  /** Refuses a collection policy that would allow more than this deployment does. */
  public void checkNarrowing(List<String> contentTypes, Long collectionMaxSize) {
    if (contentTypes != null) {
      for (int i = 0; i < contentTypes.size(); i++) {
        if (!covers(contentTypes.get(i))) {
          throw new InvalidRequestException("policy.allowedContentTypes[" + i + "]", "'" + contentTypes.get(i)
              + "' is not allowed by this deployment; allowed: " + String.join(", ", allowedContentTypes));
        }
      }
    }
    if (collectionMaxSize != null && collectionMaxSize > maxSize) {
      throw new InvalidRequestException("policy.maxSize", "must be at most " + maxSize + " bytes, the deployment's maximum");
    }
  }

  /** Whether every type the pattern names ({@code image/png}, {@code image/*}, {@code *}{@code /*}) is allowed here. */
  private boolean covers(String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT);
    if (!p.endsWith("/*")) {
      return isAllowed(p);
    }
    return allowedContentTypes.contains("*/*") || (!p.equals("*/*") && allowedContentTypes.contains(p));
  }

  public static void checkMetadata(Map<String, String> metadata) {
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw new InvalidRequestException("metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries");
    }
    int bytes = 0;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      String field = "metadata." + e.getKey();
      if (!METADATA_KEY.matcher(e.getKey()).matches()) {
        throw new InvalidRequestException(field,
            "keys must be 1 to 64 lowercase letters, digits or hyphens, starting with a letter or digit");
      }
      if (e.getKey().startsWith(RESERVED_METADATA_PREFIX)) {
        throw new InvalidRequestException(field, "keys starting with '" + RESERVED_METADATA_PREFIX + "' are reserved");
      }
      int maxLength = e.getKey().equals("description") ? MAX_DESCRIPTION_LENGTH : MAX_METADATA_VALUE_LENGTH;
      if (e.getValue().length() > maxLength) {
        throw new InvalidRequestException(field, "must have at most " + maxLength + " characters");
      }
      if (CONTROL.matcher(e.getValue()).find()) {
        throw new InvalidRequestException(field, "must not contain control characters");
      }
      bytes += e.getKey().length() + MetadataHeaders.encode(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_METADATA_BYTES) {
      throw new InvalidRequestException("metadata", "must total at most " + MAX_METADATA_BYTES + " bytes as S3 headers");
    }
  }
}
