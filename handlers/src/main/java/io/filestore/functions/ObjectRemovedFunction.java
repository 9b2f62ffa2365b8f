package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.filestore.config.Env;
import io.filestore.domain.ObjectEvent;
import io.filestore.domain.ObjectEvents;
import java.util.Map;

/** S3 ObjectRemoved:*: the file's record becomes a DELETED tombstone (kept for idempotency, then TTL'd). */
public final class ObjectRemovedFunction implements RequestHandler<S3Event, EventReport> {
  private final ObjectEventHandler handler;

  public ObjectRemovedFunction() {
    this(System.getenv());
  }

  public ObjectRemovedFunction(Map<String, String> environment) {
    this(new Env(environment));
  }

  private ObjectRemovedFunction(Env env) {
    this(new Backends(env).objectEvents(false), new JsonLog("object-removed", System.out));
  }

  ObjectRemovedFunction(ObjectEvents events, JsonLog log) {
    this.handler = new ObjectEventHandler(events, ObjectEvent.Kind.REMOVED, log, id -> {});
  }

  @Override
  public EventReport handleRequest(S3Event event, Context context) {
    return handler.handle(event, context);
  }
}
