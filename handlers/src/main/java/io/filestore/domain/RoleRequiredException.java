package io.filestore.domain;

/** The caller is a member, but their role does not allow this; answered as 403. */
public final class RoleRequiredException extends RuntimeException {
  public RoleRequiredException(String message) {
    super(message, null, false, false);
  }
}
