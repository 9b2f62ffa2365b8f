package io.filestore.domain;

import io.filestore.ports.FileRepository;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expires unstored files past their expiresAt and deletes the objects of expired and deleted files.
 * Candidates come from a sparse index ordered by due time, in bounded pages: the cost follows the
 * number of due files, never the table's size. The record is claimed by a compare-and-set before the
 * object is touched, so a file stored during the sweep keeps its object.
 */
public final class ExpirySweeper {
  private final FileRepository files;
  private final ObjectStore objects;
  private final Clock clock;
  private final int pageSize;
  private final int maxPerRun;
  private final Consumer<String> warn;

  public ExpirySweeper(FileRepository files, ObjectStore objects, Clock clock, int pageSize, int maxPerRun,
      Consumer<String> warn) {
    this.files = files;
    this.objects = objects;
    this.clock = clock;
    this.pageSize = pageSize;
    this.maxPerRun = maxPerRun;
    this.warn = warn;
  }

  public SweepReport sweep(boolean dryRun) {
    Instant now = clock.instant();
    if (dryRun) {
      List<FileRecord> due = files.dueForSweep(now, maxPerRun + 1);
      List<FileRecord> counted = due.subList(0, Math.min(due.size(), maxPerRun));
      int wouldExpire = (int) counted.stream().filter(r -> r.state().isUnstored()).count();
      return new SweepReport(true, counted.size(), wouldExpire, 0, 0, 0, due.size() > maxPerRun);
    }
    Set<String> seen = new HashSet<>();
    int expired = 0;
    int purged = 0;
    int skipped = 0;
    int failed = 0;
    boolean more = false;
    while (!more) {
      List<FileRecord> due = files.dueForSweep(now, pageSize);
      List<FileRecord> fresh = due.stream().filter(r -> !seen.contains(r.id())).toList();
      if (fresh.isEmpty()) {
        // Only records this run already tried (and failed on) are left at the head of the index.
        more = due.size() == pageSize;
        break;
      }
      for (FileRecord r : fresh) {
        if (seen.size() >= maxPerRun) {
          more = true;
          break;
        }
        seen.add(r.id());
        FileRecord claimed = r;
        if (r.state().isUnstored()) {
          claimed = Lifecycle.expired(r, now);
          if (r.expiresAt() == null || r.expiresAt().isAfter(now) || !files.replace(r, claimed)) {
            skipped++;
            continue;
          }
          expired++;
        } else if (r.state() == FileState.STORED) {
          skipped++;
          continue;
        }
        try {
          objects.delete(claimed.objectKey());
        } catch (RuntimeException e) {
          warn.accept("Could not delete the object of file " + r.id() + "; the next run retries: " + e);
          failed++;
          continue;
        }
        if (files.replace(claimed, Lifecycle.purged(claimed, now))) {
          purged++;
        } else {
          skipped++;
        }
      }
    }
    return new SweepReport(false, seen.size(), expired, purged, skipped, failed, more);
  }
}
