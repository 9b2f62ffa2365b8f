package io.filestore.domain.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  /** A generator that always draws the largest (or smallest) value, to pin the bounds. */
  private static RandomGenerator always(boolean highest) {
    return new RandomGenerator() {
      @Override public long nextLong() { return 0; }
      @Override public long nextLong(long bound) { return highest ? bound - 1 : 0; }
    };
  }

  @Test
  void doublesFromTheBaseUpToTheCap() {
    Backoff high = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), always(true));
    Backoff low = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), always(false));
    long[] fullSeconds = {30, 60, 120, 240, 480, 600, 600};
    for (int attempt = 1; attempt <= fullSeconds.length; attempt++) {
      assertEquals(Duration.ofSeconds(fullSeconds[attempt - 1]), high.after(attempt), "ceiling after attempt " + attempt);
      assertEquals(Duration.ofMillis(fullSeconds[attempt - 1] * 1000 / 2), low.after(attempt), "floor after attempt " + attempt);
    }
    assertEquals(Duration.ofMinutes(10), high.after(60), "no overflow for a large attempt number");
  }

  @Test
  void jitterSpreadsRetriesWithinTheBounds() {
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), new SplittableRandom(7));
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration d = backoff.after(3);
      assertTrue(d.compareTo(Duration.ofSeconds(20)) >= 0 && d.compareTo(Duration.ofSeconds(40)) <= 0, d.toString());
      seen.add(d);
    }
    assertTrue(seen.size() > 100, "retries that failed together do not return together");
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), new SplittableRandom()).after(0));
  }
}
