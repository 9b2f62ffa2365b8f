package io.filestore.domain.processing;

import io.filestore.domain.ContentDisposition;
import io.filestore.domain.DownloadLink;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.ports.FileRepository;
import io.filestore.ports.JobRepository;
import io.filestore.ports.Notifier;
import io.filestore.ports.ObjectStore;
import io.filestore.ports.ProcessingClient;
import io.filestore.ports.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Takes a file's job one step: claims its attempt with a conditional write, sends the webhook, and records
 * the attempt with the job's next state in one transaction, then publishes the outcome. Both the process
 * function (a job just queued) and the retry schedule (due jobs) run jobs through here, so a duplicated
 * start, or a retry racing a start, makes at most one call per attempt: only one claim can win.
 */
public final class JobRunner {
  /** Beyond the call's own timeout: time to presign, record and publish before the lease may be taken over. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  private final JobRepository jobs;
  private final FileRepository files;
  private final ObjectStore objects;
  private final Settings settings;
  private final ProcessingClient client;
  private final Notifier notifier;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration downloadTtl;
  private final BiConsumer<String, RuntimeException> publishFailed;

  public JobRunner(JobRepository jobs, FileRepository files, ObjectStore objects, Settings settings, ProcessingClient client,
      Notifier notifier, Backoff backoff, Clock clock, Duration downloadTtl, BiConsumer<String, RuntimeException> publishFailed) {
    this.jobs = jobs;
    this.files = files;
    this.objects = objects;
    this.settings = settings;
    this.client = client;
    this.notifier = notifier;
    this.backoff = backoff;
    this.clock = clock;
    this.downloadTtl = downloadTtl;
    this.publishFailed = publishFailed;
  }

  /**
   * The longest one attempt may take from its claim to its record: the endpoint's timeout and a few
   * seconds to presign, record and publish. A caller with a deadline starts no attempt later than this.
   */
  public Duration longestAttempt() {
    return settings.processing().timeout().plusSeconds(5);
  }

  /** The file's job, as it is stored now. */
  public JobRun run(String fileId) {
    Optional<ProcessingJob> job = jobs.find(fileId);
    return job.isPresent() ? run(job.get()) : JobRun.nothing(fileId, null);
  }

  /** A job as read (from the due index); a stale read only loses the claim. */
  public JobRun run(ProcessingJob job) {
    Instant now = clock.instant();
    if (!JobTransitions.isDue(job, now)) {
      return JobRun.nothing(job.fileId(), job);
    }
    ProcessingSettings current = settings.processing();
    if (job.status() == JobStatus.RUNNING) {
      ProcessingJob failed = transitions(current).abandoned(job, now);
      return record(job, failed, null, Duration.between(job.updatedAt(), now)) ? JobRun.of(JobRun.Kind.ABANDONED, failed) : JobRun.nothing(job.fileId(), job);
    }
    String inactive = current.inactiveReason();
    if (inactive != null) {
      // A retry waits for processing to come back; a new job is recorded as skipped, to be reprocessed.
      return job.status() == JobStatus.FAILED ? JobRun.of(JobRun.Kind.PAUSED, job) : skip(job, inactive, now);
    }
    FileRecord file = files.find(job.fileId()).orElse(null);
    if (file == null || (file.state() != FileState.UPLOADED && file.state() != FileState.STORED)) {
      return skip(job, "The file is " + (file == null ? "gone" : file.state()), now);
    }
    Duration lease = current.timeout().plus(LEASE_MARGIN);
    ProcessingJob claimed = JobTransitions.claimed(job, now, lease);
    if (!jobs.replace(job, claimed)) {
      return JobRun.nothing(job.fileId(), job);
    }
    DownloadLink link = objects.presignDownload(file.objectKey(), file.contentType(), ContentDisposition.of(false, file.name()),
        downloadTtl);
    Webhook webhook = new Webhook(current.endpoint(), current.timeout(), current.secret(), claimed.idempotencyKey(),
        new Webhook.Payload(claimed.jobId(), claimed.attempt(), file.id(), file.name(), file.contentType(), file.size(),
            file.metadata(), file.collectionId(), link.url(), link.expiresAt(), now));
    AttemptResult result = client.send(webhook);
    ProcessingJob next = transitions(current).attempted(claimed, result, clock.instant());
    return record(claimed, next, file, result.duration()) ? JobRun.of(JobRun.Kind.ATTEMPTED, next) : JobRun.nothing(job.fileId(), claimed);
  }

  private JobRun skip(ProcessingJob job, String reason, Instant now) {
    ProcessingJob skipped = JobTransitions.skipped(job, reason, now);
    if (!jobs.replace(job, skipped)) {
      return JobRun.nothing(job.fileId(), job);
    }
    publish(skipped, files.find(job.fileId()).orElse(null));
    return JobRun.of(JobRun.Kind.SKIPPED, skipped);
  }

  /** Records the claimed attempt's outcome; false if the lease was taken over meanwhile (then nothing is written). */
  private boolean record(ProcessingJob running, ProcessingJob next, FileRecord file, Duration took) {
    Attempt attempt = new Attempt(next.fileId(), next.jobId(), next.attempt(), next.status(), next.lastStatusCode(),
        took, next.lastError(), next.updatedAt());
    if (!jobs.recordAttempt(running, next, attempt)) {
      return false;
    }
    publish(next, file != null ? file : files.find(next.fileId()).orElse(null));
    return true;
  }

  /**
   * The outcome is already recorded when it is published, so a failed publish is reported, not thrown:
   * throwing would not undo the attempt, and a caller's retry could not claim it again.
   */
  private void publish(ProcessingJob job, FileRecord file) {
    try {
      notifier.publish(new JobOutcome(job, file));
    } catch (RuntimeException e) {
      publishFailed.accept(job.fileId(), e);
    }
  }

  private JobTransitions transitions(ProcessingSettings current) {
    return new JobTransitions(backoff, current.maxAttempts());
  }
}
