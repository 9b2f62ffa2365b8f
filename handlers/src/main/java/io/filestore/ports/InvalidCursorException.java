package io.filestore.ports;

/** A cursor the repository did not issue. */
public final class InvalidCursorException extends RuntimeException {
  public InvalidCursorException() {
    super("cursor is not one this API issued", null, false, false);
  }
}
