package io.filestore.ports;

import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.JobStatus;
import io.filestore.domain.processing.ProcessingJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where processing jobs live: one current job per file, and the history of every attempt. Every write
 * is conditional on the version read, so of two workers that race for one attempt exactly one wins.
 */
public interface JobRepository {

  Optional<ProcessingJob> find(String fileId);

  /**
   * Writes {@code next} as the file's job if the stored job still has {@code expected}'s version, or, with
   * {@code expected} null, if the file has no job yet.
   *
   * @return false when another writer got there first
   */
  boolean replace(ProcessingJob expected, ProcessingJob next);

  /**
   * Records a finished attempt and the job's next state together, or neither.
   *
   * @return false when the job changed since it was claimed (the attempt is then not recorded)
   */
  boolean recordAttempt(ProcessingJob running, ProcessingJob next, Attempt attempt);

  /** QUEUED and FAILED jobs due at {@code now}, oldest first, at most {@code limit}, from an index (never a scan). */
  List<ProcessingJob> due(Instant now, int limit);

  /** The file's latest attempts, newest first, at most {@code limit}. */
  List<Attempt> history(String fileId, int limit);

  /** How many files' current jobs are in each state; kept with every write, so reading it is one item. */
  Map<JobStatus, Long> counts();
}
