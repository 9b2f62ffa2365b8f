package io.filestore.contracts;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.filestore.adapters.dynamodb.DynamoJobRepository;
import io.filestore.domain.ObjectKeys;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.emulators.Topics;
import io.filestore.functions.EventReport;
import io.filestore.functions.Lambda;
import io.filestore.functions.LocalAws;
import io.filestore.functions.ObjectCreatedFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The processing pipeline run for real on the emulators, for provider states and messages: a file's bytes
 * land in S3, the S3 notification goes to the real object-created function, which queues the job and
 * starts it with Lambda's Event invoke of the space's process function (the real one, registered by
 * {@link LocalAws#newSpace}), which calls the receiver and publishes the outcome. Nothing is written
 * behind the functions' backs but the PENDING file an upload ticket would have made.
 */
public final class Pipeline {
  private final LocalAws.Space space;
  private final Seeds seeds;

  public Pipeline(LocalAws.Space space) {
    this.space = space;
    this.seeds = new Seeds(space);
  }

  /** The space's name, which its settings, topic and process function are named after. */
  public String name() {
    return space.bucket();
  }

  /**
   * Uploads the file's bytes and delivers S3's notification to the object-created function; returns once
   * the job it started has run (the Lambda emulator's event queue is idle).
   */
  public void land(String fileId, String contentType, int size) {
    seeds.pending(fileId, contentType, size, false);
    LocalAws.s3().putObject(b -> b.bucket(space.bucket()).key(ObjectKeys.keyOf(fileId)).contentType(contentType),
        RequestBody.fromBytes(new byte[size]));
    String report = Lambda.invoke(new ObjectCreatedFunction(space.env()), S3Event.class, EventReport.class, space.nextEvent());
    if (!report.contains("\"UPLOADED\"")) {
      throw new IllegalStateException("the object-created function did not take the upload: " + report);
    }
    idle();
  }

  /**
   * Replaces the space's process function with one that does nothing, as if Lambda still held the start in
   * its queue: a file landed afterwards keeps a QUEUED job, for a test to run.
   */
  public void holdStarts() {
    LocalAws.services().lambda().register("process-" + name(), payload -> "null");
  }

  public ProcessingJob job(String fileId) {
    return new DynamoJobRepository(LocalAws.dynamo(), space.table()).find(fileId)
        .orElseThrow(() -> new IllegalStateException("file " + fileId + " has no job"));
  }

  /**
   * Waits, on the real clock, until the job's backoff has passed, so that the retry function finds it due.
   * The space's RETRY_BASE_SECONDS decides how long that is.
   */
  public void awaitDue(String fileId) {
    Instant due = job(fileId).nextAttemptAt();
    if (due == null) {
      throw new IllegalStateException("the job of " + fileId + " is not waiting for a retry: " + job(fileId));
    }
    try {
      long wait = Duration.between(Instant.now(), due).toMillis() + 50;
      if (wait > 0) {
        Thread.sleep(wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The messages published to the space's outcome topic about this file, oldest first. */
  public List<Topics.Notification> published(String fileId) {
    String topic = space.env().get("TOPIC_ARN");
    return LocalAws.services().sns().published().stream()
        .filter(n -> n.topicArn().equals(topic) && n.message().contains(fileId)).toList();
  }

  private static void idle() {
    try {
      if (!LocalAws.services().lambda().awaitIdle(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the queued invocations did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
