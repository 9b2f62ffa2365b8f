package io.filestore.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A shared space with members. {@code allowedContentTypes} and {@code maxSize} are null when the
 * collection takes the deployment's own limits; they can only narrow them.
 */
public record Collection(
    String id,
    String name,
    String createdBy,
    List<String> allowedContentTypes,
    Long maxSize,
    Map<String, String> defaultMetadata,
    Instant createdAt) {

  public Collection {
    allowedContentTypes = allowedContentTypes == null ? null : List.copyOf(allowedContentTypes);
    defaultMetadata = defaultMetadata == null ? Map.of() : Map.copyOf(defaultMetadata);
  }
}
