package io.filestore.emulators;

/**
 * An error as an AWS service reports it: an HTTP status, an error code that SDKs map to an exception
 * class, a message, and whether the caller (Sender) or the service (Receiver) is at fault. Each protocol
 * writes it in its own shape.
 */
final class AwsError extends RuntimeException {
  private final int status;
  private final String code;
  private final boolean sender;

  AwsError(int status, String code, String message) {
    this(status, code, message, status < 500);
  }

  AwsError(int status, String code, String message, boolean sender) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.sender = sender;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** "Sender" or "Receiver", as the Query protocol's error Type says. */
  String faultType() {
    return sender ? "Sender" : "Receiver";
  }
}
