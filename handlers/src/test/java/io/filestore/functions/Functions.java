package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.config.Env;
import io.filestore.domain.SweepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The four functions deployed against one test space, built through their public constructors from
 * the environment, as Lambda builds them. Expire can also run with a clock set ahead.
 */
final class Functions {
  static final String KEY = "test-api-key-alice-0001";
  static final String OTHER_KEY = "test-api-key-bob-000002";

  final LocalAws.Space space;
  final ApiFunction apiFunction;
  final ObjectCreatedFunction created;
  final ObjectRemovedFunction removed;
  final Api api;

  Functions(LocalAws.Space space) {
    this.space = space;
    this.apiFunction = new ApiFunction(space.env());
    this.created = new ObjectCreatedFunction(space.env());
    this.removed = new ObjectRemovedFunction(space.env());
    this.api = new Api(apiFunction, KEY);
  }

  static Functions deploy(Map<String, String> settings) {
    return new Functions(LocalAws.newSpace(settings));
  }

  static Functions deploy() {
    return deploy(Map.of());
  }

  /** Feeds an S3 notification to the function subscribed to it, and returns the function's result. */
  JsonNode deliver(String s3EventJson) {
    boolean removal = s3EventJson.contains("\"ObjectRemoved:");
    String out = removal
        ? Lambda.invoke(removed, S3Event.class, EventReport.class, s3EventJson)
        : Lambda.invoke(created, S3Event.class, EventReport.class, s3EventJson);
    return read(out);
  }

  /** Delivers the next notification S3 sent for this space. */
  JsonNode deliverNext() {
    return deliver(space.nextEvent());
  }

  /** Runs the expire function with its clock at {@code clock}, on a scheduled-event payload. */
  JsonNode expire(Clock clock, String scheduledEventJson) {
    Env env = new Env(space.env());
    JsonLog log = new JsonLog("expire", System.out);
    ExpireFunction function = new ExpireFunction(ExpireFunction.sweeper(env, new Backends(env), log, clock), log);
    return read(Lambda.invoke(function, ScheduledEvent.class, SweepReport.class, scheduledEventJson));
  }

  static JsonNode read(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> settings(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
