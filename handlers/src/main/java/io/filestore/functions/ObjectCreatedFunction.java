package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.filestore.config.Env;
import io.filestore.domain.ObjectEvent;
import io.filestore.domain.ObjectEvents;
import io.filestore.domain.processing.JobQueue;
import java.time.Clock;
import java.util.Map;

/**
 * S3 ObjectCreated:*: a PENDING file becomes UPLOADED (or STORED with STORE_ON_LOAD=true), and its
 * processing job is queued and started.
 */
public final class ObjectCreatedFunction implements RequestHandler<S3Event, EventReport> {
  private final ObjectEventHandler handler;

  public ObjectCreatedFunction() {
    this(System.getenv());
  }

  public ObjectCreatedFunction(Map<String, String> environment) {
    this(new Env(environment));
  }

  private ObjectCreatedFunction(Env env) {
    this(env, new Backends(env), new JsonLog("object-created", System.out));
  }

  private ObjectCreatedFunction(Env env, Backends backends, JsonLog log) {
    this(backends.objectEvents(env.bool("STORE_ON_LOAD", false)), Processing.queue(env, backends, log, Clock.systemUTC()), log);
  }

  ObjectCreatedFunction(ObjectEvents events, JobQueue jobs, JsonLog log) {
    this.handler = new ObjectEventHandler(events, ObjectEvent.Kind.CREATED, log, jobs::queueFirst);
  }

  @Override
  public EventReport handleRequest(S3Event event, Context context) {
    return handler.handle(event, context);
  }
}
