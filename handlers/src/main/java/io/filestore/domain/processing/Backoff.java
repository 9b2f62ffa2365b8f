package io.filestore.domain.processing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code base * 2^(n-1)}, capped. Half is kept so that a retry is never immediate; the random half spreads
 * retries of jobs that failed together (an endpoint that was down) so they do not return together.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The wait after the {@code failedAttempt}-th attempt failed (1 for the first). */
  public Duration after(int failedAttempt) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("attempts count from 1");
    }
    long ceiling = cap.toMillis();
    long full = base.toMillis();
    for (int i = 1; i < failedAttempt && full < ceiling; i++) {
      full *= 2;
    }
    full = Math.min(full, ceiling);
    long half = full / 2;
    return Duration.ofMillis(half + random.nextLong(full - half + 1));
  }
}
