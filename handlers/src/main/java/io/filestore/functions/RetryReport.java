package io.filestore.functions;

import io.filestore.domain.processing.JobRun;
import io.filestore.domain.processing.JobStatus;
import java.util.List;

/** What one retry run did. Getters, because the Lambda runtime serializes results with Jackson. */
public final class RetryReport {
  private final boolean dryRun;
  private final int due;
  private final List<JobRun> runs;
  private final int errors;
  private final boolean more;

  public RetryReport(boolean dryRun, int due, List<JobRun> runs, int errors, boolean more) {
    this.dryRun = dryRun;
    this.due = due;
    this.runs = List.copyOf(runs);
    this.errors = errors;
    this.more = more;
  }

  public boolean isDryRun() { return dryRun; }
  /** Jobs found due (up to the run's bound). */
  public int getDue() { return due; }
  public long getSucceeded() { return attempted(JobStatus.SUCCEEDED); }
  /** Attempts that failed and will be retried. */
  public long getFailed() { return attempted(JobStatus.FAILED); }
  public long getRejected() { return attempted(JobStatus.REJECTED); }
  /** Jobs that used their last attempt. */
  public long getDead() { return attempted(JobStatus.DEAD); }
  /** Attempts whose worker stopped before recording them, now recorded as failed. */
  public long getAbandoned() { return count(JobRun.Kind.ABANDONED); }
  public long getSkipped() { return count(JobRun.Kind.SKIPPED); }
  /** Failed jobs left waiting because processing is off. */
  public long getPaused() { return count(JobRun.Kind.PAUSED); }
  /** Jobs another worker claimed first, or that were no longer due. */
  public long getUntouched() { return count(JobRun.Kind.NOTHING); }
  /** Jobs whose run failed here (a storage error); they stay due for the next run. */
  public int getErrors() { return errors; }
  /** Whether more jobs were due than one run takes. */
  public boolean isMore() { return more; }

  private long attempted(JobStatus status) {
    return runs.stream().filter(r -> r.kind() == JobRun.Kind.ATTEMPTED && r.status() == status).count();
  }

  private long count(JobRun.Kind kind) {
    return runs.stream().filter(r -> r.kind() == kind).count();
  }
}
