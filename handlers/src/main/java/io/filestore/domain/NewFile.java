package io.filestore.domain;

import java.util.Map;

/** What a client asks to upload. */
public record NewFile(String name, String contentType, long size, Map<String, String> metadata, String checksumSha256) {
  public NewFile {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
