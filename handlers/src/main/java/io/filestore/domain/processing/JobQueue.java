package io.filestore.domain.processing;

import io.filestore.ports.JobRepository;
import io.filestore.ports.JobStarter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Puts jobs in the queue and starts them. The job is stored before it is started, so a start that is lost
 * (the invocation failed, the function stopped) only delays the job until the retry schedule finds it due.
 */
public final class JobQueue {
  private static final int MAX_TRIES = 3;

  private final JobRepository jobs;
  private final JobStarter starter;
  private final JobIds ids;
  private final Clock clock;
  private final BiConsumer<String, RuntimeException> startFailed;

  public JobQueue(JobRepository jobs, JobStarter starter, JobIds ids, Clock clock, BiConsumer<String, RuntimeException> startFailed) {
    this.jobs = jobs;
    this.starter = starter;
    this.ids = ids;
    this.clock = clock;
    this.startFailed = startFailed;
  }

  /**
   * A file landed: queues its first job unless it has one, and starts it. S3 may deliver the event again
   * (also after this function failed half-way); the second delivery finds the job and starts nothing.
   *
   * @return whether this call queued the job
   */
  public boolean queueFirst(String fileId) {
    Instant now = clock.instant();
    if (!jobs.replace(null, JobTransitions.started(fileId, ids.next(now), now, 0))) {
      return false;
    }
    start(fileId);
    return true;
  }

  /**
   * Replaces the file's job with a new QUEUED one and starts it. A job with an attempt in flight is left
   * alone, so a reprocess racing a retry still makes one call: whichever writes first wins.
   *
   * @throws JobRunningException when the current job's attempt is in flight
   */
  public ProcessingJob requeue(String fileId) {
    for (int i = 0; i < MAX_TRIES; i++) {
      Instant now = clock.instant();
      Optional<ProcessingJob> current = jobs.find(fileId);
      if (current.isPresent() && current.get().status() == JobStatus.RUNNING && !JobTransitions.isDue(current.get(), now)) {
        throw new JobRunningException(fileId);
      }
      ProcessingJob next = JobTransitions.started(fileId, ids.next(now), now, current.map(ProcessingJob::version).orElse(0L));
      if (jobs.replace(current.orElse(null), next)) {
        start(fileId);
        return next;
      }
    }
    throw new JobRunningException(fileId);
  }

  private void start(String fileId) {
    try {
      starter.start(fileId);
    } catch (RuntimeException e) {
      startFailed.accept(fileId, e);
    }
  }
}
