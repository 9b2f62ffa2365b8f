package io.filestore.domain;

import java.util.List;

/** A content type outside the policy; the answer lists what is allowed. */
public final class ContentTypeRefusedException extends RuntimeException {
  private final List<String> allowed;

  public ContentTypeRefusedException(String contentType, List<String> allowed) {
    super("'" + contentType + "' is not allowed; allowed: " + String.join(", ", allowed), null, false, false);
    this.allowed = List.copyOf(allowed);
  }

  public List<String> allowed() {
    return allowed;
  }
}
