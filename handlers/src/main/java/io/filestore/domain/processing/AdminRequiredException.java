package io.filestore.domain.processing;

/** The caller is neither in the administrators' group nor listed as an administrator. */
public final class AdminRequiredException extends RuntimeException {
  public AdminRequiredException(String message) {
    super(message, null, false, false);
  }
}
