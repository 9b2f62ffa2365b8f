package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UsagePlanTest {
  private final UsagePlan plan = new UsagePlan();

  private static ApiKeys.Key key(Double rate, Integer burst, Long quota) {
    return new ApiKeys.Key("id", "k", "value-" + rate + burst + quota, rate, burst, quota);
  }

  @Test
  void aKeyWithoutLimitsIsNeverRefused() {
    ApiKeys.Key key = key(null, null, null);
    for (int i = 0; i < 1000; i++) {
      assertNull(plan.admit(key));
    }
  }

  @Test
  void theBurstIsSpentThenThrottled() {
    ApiKeys.Key key = key(0.0, 3, null);
    assertNull(plan.admit(key));
    assertNull(plan.admit(key));
    assertNull(plan.admit(key));
    assertEquals("THROTTLED", plan.admit(key));
    assertEquals("THROTTLED", plan.admit(key(0.0, 0, null)), "a burst of 0 refuses everything");
  }

  @Test
  void theQuotaIsCountedPerKey() {
    ApiKeys.Key key = key(null, null, 2L);
    assertNull(plan.admit(key));
    assertNull(plan.admit(key));
    assertEquals("QUOTA_EXCEEDED", plan.admit(key));
  }
}
