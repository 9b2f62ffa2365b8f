package io.filestore.domain.processing;

/** What one turn of the runner did with a file's job. */
public record JobRun(String fileId, String jobId, int attempt, Kind kind, JobStatus status) {

  public enum Kind {
    /** An attempt was made and recorded; {@code status} is the job's new state. */
    ATTEMPTED,
    /** A RUNNING job's lease ended without an outcome; the attempt is recorded as failed. */
    ABANDONED,
    /** Processing was off, unconfigured, or the file was gone: the job is SKIPPED. */
    SKIPPED,
    /** Processing is off: a FAILED job waits, to resume when it is switched on. */
    PAUSED,
    /** Nothing to do: no job, a final job, not due yet, or another worker claimed it first. */
    NOTHING
  }

  /** A job left as it is, for a later run. */
  public static JobRun untouched(ProcessingJob job) {
    return nothing(job.fileId(), job);
  }

  static JobRun nothing(String fileId, ProcessingJob job) {
    return job == null ? new JobRun(fileId, null, 0, Kind.NOTHING, null)
        : new JobRun(fileId, job.jobId(), job.attempt(), Kind.NOTHING, job.status());
  }

  static JobRun of(Kind kind, ProcessingJob job) {
    return new JobRun(job.fileId(), job.jobId(), job.attempt(), kind, job.status());
  }
}
