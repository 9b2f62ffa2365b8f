package io.filestore.adapters.dynamodb;

import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.ports.JobRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Processing jobs in the files table. Due jobs share the sparse, sharded sweep index with the sweeper's
 * records, under partitions of their own, so finding due work is one query per shard and never a scan.
 */
public final class DynamoJobRepository implements JobRepository {
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
    try {
      dynamo.putItem(b -> {
        b.tableName(table).item(JobItems.toItem(next));
        if (expected == null) {
          b.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", FileTable.PK));
        } else {
          b.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
              .expressionAttributeValues(Map.of(":v", FileItems.n(expected.version())));
        }
      });
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean recordAttempt(ProcessingJob running, ProcessingJob next, Attempt attempt) {
    try {
      dynamo.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(table).item(JobItems.toItem(next))
              .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
              .expressionAttributeValues(Map.of(":v", FileItems.n(running.version())))).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(JobItems.toItem(attempt))
              .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", FileTable.PK))).build()));
      return true;
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0) || Transactions.failedCondition(e, 1)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<ProcessingJob> due(Instant now, int limit) {
    List<ProcessingJob> due = new ArrayList<>();
    DueIndex.due(dynamo, table, JobItems::dueShard, now, limit).forEach(item -> due.add(JobItems.jobFrom(item)));
    due.sort(Comparator.comparing(ProcessingJob::nextAttemptAt));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

  @Override
  public List<Attempt> history(String fileId) {
    List<Attempt> attempts = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var response = dynamo.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
          .expressionAttributeNames(Map.of("#pk", FileTable.PK, "#sk", FileTable.SK))
          .expressionAttributeValues(Map.of(":pk", FileItems.s("FILE#" + fileId), ":prefix", FileItems.s(JobItems.ATTEMPT_SORT_PREFIX)))
          .exclusiveStartKey(from));
      response.items().forEach(item -> attempts.add(JobItems.attemptFrom(item)));
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null);
    attempts.sort(Comparator.comparing(Attempt::at).thenComparing(Attempt::attempt));
    return attempts;
  }
}
