package io.filestore.functions;

import io.filestore.domain.processing.JobRun;

/** The process function's result. Getters, because the Lambda runtime serializes results with Jackson. */
public final class JobRunReport {
  private final JobRun run;

  public JobRunReport(JobRun run) {
    this.run = run;
  }

  public String getFileId() { return run.fileId(); }
  public String getJobId() { return run.jobId(); }
  public int getAttempt() { return run.attempt(); }
  public String getKind() { return run.kind().name(); }
  public String getStatus() { return run.status() == null ? null : run.status().name(); }
}
