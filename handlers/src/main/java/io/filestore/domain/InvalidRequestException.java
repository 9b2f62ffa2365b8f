package io.filestore.domain;

/** The caller asked for something the rules forbid; answered as 400 naming the field. */
public final class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
