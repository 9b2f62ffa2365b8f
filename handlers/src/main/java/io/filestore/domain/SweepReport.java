package io.filestore.domain;

/**
 * What one expiry sweep did. A plain class with getters because the Lambda runtime serializes the
 * function's result with its own Jackson, which does not read records.
 */
public final class SweepReport {
  private final boolean dryRun;
  private final int examined;
  private final int expired;
  private final int purged;
  private final int skipped;
  private final int failed;
  private final boolean more;

  public SweepReport(boolean dryRun, int examined, int expired, int purged, int skipped, int failed, boolean more) {
    this.dryRun = dryRun;
    this.examined = examined;
    this.expired = expired;
    this.purged = purged;
    this.skipped = skipped;
    this.failed = failed;
    this.more = more;
  }

  public boolean isDryRun() { return dryRun; }
  /** Records due for a sweep that this run looked at. */
  public int getExamined() { return examined; }
  /** Unstored files that passed their expiresAt and became EXPIRED (in a dry run: would have). */
  public int getExpired() { return expired; }
  /** Objects of expired or deleted files that were deleted. */
  public int getPurged() { return purged; }
  /** Records that changed under the sweep (stored, deleted) and were left alone. */
  public int getSkipped() { return skipped; }
  /** Records whose object could not be deleted; the next run retries them. */
  public int getFailed() { return failed; }
  /** True when the run stopped at its bound with more records due. */
  public boolean isMore() { return more; }

  @Override
  public String toString() {
    return "SweepReport{dryRun=" + dryRun + ", examined=" + examined + ", expired=" + expired + ", purged=" + purged
        + ", skipped=" + skipped + ", failed=" + failed + ", more=" + more + "}";
  }
}
