package io.filestore.adapters.dynamodb;

import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.JobStatus;
import io.filestore.domain.processing.ProcessingJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps jobs and attempts to items in the file's own partition: the job under {@code FILE#<id>/JOB}, each
 * attempt under {@code FILE#<id>/ATTEMPT#<job>#<attempt>}. A job with a next step (an attempt, or the end
 * of a claim's lease) is also in the sweep index, under its own partitions ({@code JOB#<shard>}), by the time
 * that step is due. Job ids begin with their creation time, so attempts sort oldest first across jobs.
 */
final class JobItems {
  static final String JOB_SORT = "JOB";
  static final String ATTEMPT_SORT_PREFIX = "ATTEMPT#";

  private JobItems() {}

  static Map<String, AttributeValue> key(String fileId) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FileTable.PK, FileItems.s("FILE#" + fileId));
    key.put(FileTable.SK, FileItems.s(JOB_SORT));
    return key;
  }

  /**
   * A counter item of jobs by state, one per shard of file ids, updated in every job write's transaction.
   * Sharded so that concurrent transitions rarely touch the same item.
   */
  static Map<String, AttributeValue> countersKey(int shard) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FileTable.PK, FileItems.s("STATS#JOBS"));
    key.put(FileTable.SK, FileItems.s("SHARD#" + shard));
    return key;
  }

  static String dueShard(int shard) {
    return "JOB#" + shard;
  }

  static Map<String, AttributeValue> toItem(ProcessingJob j) {
    Map<String, AttributeValue> item = key(j.fileId());
    item.put("fileId", FileItems.s(j.fileId()));
    item.put("jobId", FileItems.s(j.jobId()));
    item.put("status", FileItems.s(j.status().name()));
    item.put("attempt", FileItems.n(j.attempt()));
    FileItems.putTime(item, "nextAttemptAt", j.nextAttemptAt());
    if (j.lastStatusCode() != null) {
      item.put("lastStatusCode", FileItems.n(j.lastStatusCode()));
    }
    FileItems.putIfPresent(item, "lastError", j.lastError());
    FileItems.putIfPresent(item, "result", j.result());
    FileItems.putTime(item, "createdAt", j.createdAt());
    FileItems.putTime(item, "updatedAt", j.updatedAt());
    item.put("version", FileItems.n(j.version()));
    // QUEUED and FAILED jobs wait for their next attempt, a RUNNING one for the end of its lease.
    if (j.nextAttemptAt() != null) {
      item.put(FileTable.SWEEP_PK, FileItems.s(dueShard(FileItems.shardOf(j.fileId()))));
      item.put(FileTable.SWEEP_SK, FileItems.s(FileItems.timeSort(j.nextAttemptAt(), j.fileId())));
    }
    return item;
  }

  static ProcessingJob jobFrom(Map<String, AttributeValue> item) {
    AttributeValue code = item.get("lastStatusCode");
    return new ProcessingJob(FileItems.str(item, "fileId"), FileItems.str(item, "jobId"),
        JobStatus.valueOf(FileItems.str(item, "status")), Integer.parseInt(item.get("attempt").n()),
        FileItems.instant(item, "nextAttemptAt"), code == null ? null : Integer.parseInt(code.n()),
        FileItems.str(item, "lastError"), FileItems.str(item, "result"), FileItems.instant(item, "createdAt"),
        FileItems.instant(item, "updatedAt"), Long.parseLong(item.get("version").n()));
  }

  static Map<String, AttributeValue> toItem(Attempt a) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(FileTable.PK, FileItems.s("FILE#" + a.fileId()));
    // Zero-padded so that attempts sort by number within a job.
    item.put(FileTable.SK, FileItems.s(ATTEMPT_SORT_PREFIX + a.jobId() + "#" + String.format("%04d", a.attempt())));
    item.put("fileId", FileItems.s(a.fileId()));
    item.put("jobId", FileItems.s(a.jobId()));
    item.put("attempt", FileItems.n(a.attempt()));
    item.put("outcome", FileItems.s(a.outcome().name()));
    if (a.statusCode() != null) {
      item.put("statusCode", FileItems.n(a.statusCode()));
    }
    item.put("durationMs", FileItems.n(a.duration().toMillis()));
    FileItems.putIfPresent(item, "error", a.error());
    FileItems.putTime(item, "at", a.at());
    return item;
  }

  static Attempt attemptFrom(Map<String, AttributeValue> item) {
    AttributeValue code = item.get("statusCode");
    return new Attempt(FileItems.str(item, "fileId"), FileItems.str(item, "jobId"), Integer.parseInt(item.get("attempt").n()),
        JobStatus.valueOf(FileItems.str(item, "outcome")), code == null ? null : Integer.parseInt(code.n()),
        Duration.ofMillis(Long.parseLong(item.get("durationMs").n())), FileItems.str(item, "error"),
        FileItems.instant(item, "at"));
  }
}
