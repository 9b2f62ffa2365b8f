package io.filestore.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The throttle and quota of API Gateway usage plans, per API key: a token bucket (rateLimit requests
 * a second, burstLimit at once) and a quota of requests for the life of the local stack. A key without
 * limits is never throttled, as a key in a usage plan without limits.
 */
final class UsagePlan {
  private static final class Bucket {
    double tokens;
    long refilledAt;
    long used;
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @return null when the request may pass, else the gateway response that refuses it */
  String admit(ApiKeys.Key key) {
    if (key.burstLimit() == null && key.quotaLimit() == null) {
      return null;
    }
    Bucket bucket = buckets.computeIfAbsent(key.value(), v -> {
      Bucket b = new Bucket();
      b.tokens = key.burstLimit() == null ? Double.MAX_VALUE : key.burstLimit();
      b.refilledAt = System.nanoTime();
      return b;
    });
    synchronized (bucket) {
      if (key.burstLimit() != null) {
        long now = System.nanoTime();
        double rate = key.rateLimit() == null ? 0 : key.rateLimit();
        bucket.tokens = Math.min(key.burstLimit(), bucket.tokens + rate * (now - bucket.refilledAt) / 1e9);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
          return "THROTTLED";
        }
      }
      if (key.quotaLimit() != null && bucket.used >= key.quotaLimit()) {
        return "QUOTA_EXCEEDED";
      }
      bucket.tokens -= key.burstLimit() == null ? 0 : 1;
      bucket.used++;
      return null;
    }
  }
}
