package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.filestore.domain.EventOutcome;
import io.filestore.domain.ObjectEvent;
import io.filestore.domain.ObjectEvents;
import io.filestore.domain.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Turns an S3 notification into domain events, applies each record, and reports what happened. */
final class ObjectEventHandler {
  private final ObjectEvents events;
  private final ObjectEvent.Kind accepts;
  private final JsonLog log;
  private final Consumer<String> landed;

  /** @param landed what to do once a file's object is confirmed (again, for a repeated event) */
  ObjectEventHandler(ObjectEvents events, ObjectEvent.Kind accepts, JsonLog log, Consumer<String> landed) {
    this.events = events;
    this.accepts = accepts;
    this.log = log;
    this.landed = landed;
  }

  EventReport handle(S3Event event, Context context) {
    log.begin(context == null ? null : context.getAwsRequestId());
    if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
      throw new InvalidEventException("Expected an S3 event notification with at least one record in Records");
    }
    List<EventReport.RecordResult> results = new ArrayList<>();
    RuntimeException failure = null;
    int failed = 0;
    for (S3EventNotificationRecord record : event.getRecords()) {
      ObjectEvent e = toEvent(record);
      String id = ObjectKeys.idOf(e.key());
      String outcome;
      if (kindOf(e.eventName()) != accepts) {
        log.warn("Ignored an event this function is not subscribed to", "eventName", e.eventName(), "key", e.key());
        outcome = "IGNORED";
      } else {
        try {
          EventOutcome result = events.apply(e);
          outcome = result.name();
          if (result == EventOutcome.UPLOADED || result == EventOutcome.STORED
              || (result == EventOutcome.DUPLICATE && accepts == ObjectEvent.Kind.CREATED)) {
            // A repeated event comes here too: a first delivery may have failed between the two writes.
            landed.accept(id);
          }
          if (result == EventOutcome.UNKNOWN_KEY || result == EventOutcome.FOREIGN_BUCKET || result == EventOutcome.REJECTED
              || result == EventOutcome.METADATA_MISMATCH) {
            log.warn("Event not applied", "outcome", outcome, "eventName", e.eventName(), "bucket", e.bucket(), "key", e.key(),
                "fileId", id);
          } else {
            log.info("Event applied", "outcome", outcome, "eventName", e.eventName(), "fileId", id, "sequencer", e.sequencer());
          }
        } catch (RuntimeException ex) {
          log.error("Event failed; the invocation will fail so that it is retried", ex, "eventName", e.eventName(), "fileId", id);
          failure = ex;
          failed++;
          outcome = "FAILED";
        }
      }
      results.add(new EventReport.RecordResult(e.eventName(), e.key(), id, outcome));
    }
    if (failure != null) {
      throw new EventProcessingException(failed + " of " + results.size() + " records failed", failure);
    }
    return new EventReport(results);
  }

  private static ObjectEvent toEvent(S3EventNotificationRecord record) {
    if (record == null || record.getS3() == null || record.getS3().getObject() == null
        || record.getS3().getBucket() == null || record.getEventName() == null) {
      throw new InvalidEventException("An S3 record lacks eventName, s3.bucket or s3.object");
    }
    var object = record.getS3().getObject();
    if (object.getKey() == null) {
      throw new InvalidEventException("An S3 record lacks s3.object.key");
    }
    String key;
    try {
      key = object.getUrlDecodedKey();
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("The S3 key '" + object.getKey() + "' is not URL-encoded correctly");
    }
    return new ObjectEvent(kindOf(record.getEventName()), record.getEventName(), record.getS3().getBucket().getName(),
        key, object.getSequencer(), object.geteTag());
  }

  private static ObjectEvent.Kind kindOf(String eventName) {
    return eventName.startsWith("ObjectRemoved") ? ObjectEvent.Kind.REMOVED
        : eventName.startsWith("ObjectCreated") ? ObjectEvent.Kind.CREATED : null;
  }
}
