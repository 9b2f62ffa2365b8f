package io.filestore.functions;

/**
 * Some records failed for a passing reason (a throttle, a timeout). The invocation fails so that
 * Lambda retries the whole event; the records that succeeded are recognised as duplicates then.
 */
public final class EventProcessingException extends RuntimeException {
  public EventProcessingException(String message, Throwable cause) {
    super(message, cause);
  }
}
