package io.filestore.domain.processing;

/** The file's job has an attempt in flight, so it cannot be replaced now. */
public final class JobRunningException extends RuntimeException {
  public JobRunningException(String fileId) {
    super("The job of file " + fileId + " has an attempt in flight; reprocess it once that attempt is recorded", null, false, false);
  }
}
