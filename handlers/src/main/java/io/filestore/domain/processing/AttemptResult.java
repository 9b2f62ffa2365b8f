package io.filestore.domain.processing;

import java.time.Duration;

/**
 * What one call to the processing endpoint gave: its status code (null when no answer came: a timeout
 * or a network failure), how long it took, the error when there was one, and the answer's body.
 */
public record AttemptResult(Integer statusCode, Duration duration, String error, String body) {

  public static AttemptResult answered(int statusCode, Duration duration, String body) {
    return new AttemptResult(statusCode, duration, null, body);
  }

  public static AttemptResult noAnswer(Duration duration, String error) {
    return new AttemptResult(null, duration, error, null);
  }

  /**
   * SUCCEEDED on 2xx; FAILED (to be retried) when nothing answered, on 429 and on 5xx, because those say
   * "not now"; REJECTED on any other answer, because sending the same request again cannot change it.
   */
  public JobStatus classify() {
    if (statusCode == null || statusCode == 429 || statusCode >= 500) {
      return JobStatus.FAILED;
    }
    return statusCode >= 200 && statusCode < 300 ? JobStatus.SUCCEEDED : JobStatus.REJECTED;
  }
}
