package io.filestore.adapters.dynamodb;

import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.ports.JobRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.filestore.domain.processing.JobStatus;
import software.amazon.awssdk.services.dynamodb.model.Put;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Processing jobs in the files table. Due jobs share the sparse, sharded sweep index with the sweeper's
 * records, under partitions of their own, so finding due work is one query per shard and never a scan.
 */
public final class DynamoJobRepository implements JobRepository {
  private static final int CONFLICT_ATTEMPTS = 5;

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoJobRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<ProcessingJob> find(String fileId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(JobItems.key(fileId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JobItems.jobFrom(item));
  }

  @Override
  public boolean replace(ProcessingJob expected, ProcessingJob next) {
    TransactWriteItem put = TransactWriteItem.builder().put(p -> {
      p.tableName(table).item(JobItems.toItem(next));
      if (expected == null) {
        p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", FileTable.PK));
      } else {
        versioned(p, expected);
      }
    }).build();
    return write(put, counted(next.fileId(), expected == null ? null : expected.status(), next.status()), null);
  }

  @Override
  public boolean recordAttempt(ProcessingJob running, ProcessingJob next, Attempt attempt) {
    TransactWriteItem put = TransactWriteItem.builder().put(p -> versioned(p.tableName(table).item(JobItems.toItem(next)), running)).build();
    TransactWriteItem history = TransactWriteItem.builder().put(p -> p.tableName(table).item(JobItems.toItem(attempt))
        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", FileTable.PK))).build();
    return write(put, counted(next.fileId(), running.status(), next.status()), history);
  }

  private static void versioned(Put.Builder put, ProcessingJob expected) {
    put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
        .expressionAttributeValues(Map.of(":v", FileItems.n(expected.version())));
  }

  /** The job write, the counters' update and the attempt (if any) together; false when a condition failed. */
  private boolean write(TransactWriteItem job, TransactWriteItem counters, TransactWriteItem history) {
    List<TransactWriteItem> items = new ArrayList<>(List.of(job));
    if (counters != null) {
      items.add(counters);
    }
    if (history != null) {
      items.add(history);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(b -> b.transactItems(items));
        return true;
      } catch (TransactionCanceledException e) {
        for (int i = 0; i < items.size(); i++) {
          if (Transactions.failedCondition(e, i)) {
            return false;
          }
        }
        // Two transitions of files in one counter shard at the same moment: nothing was written, so retry.
        if (!Transactions.conflicted(e) || attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10L << attempt, 20L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying a job write", e);
    }
  }

  /** Moves one job from the old state's count to the new one's; nothing when the state stays. */
  private TransactWriteItem counted(String fileId, JobStatus from, JobStatus to) {
    if (from == to) {
      return null;
    }
    Map<String, String> names = new HashMap<>(Map.of("#to", to.name()));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", FileItems.n(1)));
    if (from != null) {
      names.put("#from", from.name());
      values.put(":minus", FileItems.n(-1));
    }
    String expression = from == null ? "ADD #to :one" : "ADD #to :one, #from :minus";
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(JobItems.countersKey(FileItems.shardOf(fileId)))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)).build();
  }

  @Override
  public Map<JobStatus, Long> counts() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      counts.put(status, 0L);
    }
    for (int shard = 0; shard < FileTable.SWEEP_SHARDS; shard++) {
      Map<String, AttributeValue> key = JobItems.countersKey(shard);
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
      for (JobStatus status : JobStatus.values()) {
        AttributeValue n = item == null ? null : item.get(status.name());
        counts.merge(status, n == null ? 0L : Long.parseLong(n.n()), Long::sum);
      }
    }
    return counts;
  }

  @Override
  public List<ProcessingJob> due(Instant now, int limit) {
    List<ProcessingJob> due = new ArrayList<>();
    DueIndex.due(dynamo, table, JobItems::dueShard, now, limit).forEach(item -> due.add(JobItems.jobFrom(item)));
    due.sort(Comparator.comparing(ProcessingJob::nextAttemptAt));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

  @Override
  public List<Attempt> history(String fileId, int limit) {
    List<Attempt> attempts = new ArrayList<>();
    dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", FileTable.PK, "#sk", FileTable.SK))
            .expressionAttributeValues(Map.of(":pk", FileItems.s("FILE#" + fileId), ":prefix", FileItems.s(JobItems.ATTEMPT_SORT_PREFIX)))
            .scanIndexForward(false).limit(limit))
        .items().stream().limit(limit).forEach(item -> attempts.add(JobItems.attemptFrom(item)));
    return attempts;
  }
}
