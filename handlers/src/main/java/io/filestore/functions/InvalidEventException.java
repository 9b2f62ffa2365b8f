package io.filestore.functions;

/** The invocation payload is not an event this function can handle; it is rejected, never half-applied. */
public final class InvalidEventException extends RuntimeException {
  public InvalidEventException(String message) {
    super(message);
  }
}
