package io.filestore.adapters.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sparse, sharded index of background work by due time ("<time>#<id>" sort keys). The sweeper's
 * records and the processing jobs each have their own partitions in it; finding what is due is one
 * bounded query per shard, never a scan.
 */
final class DueIndex {
  private DueIndex() {}

  /** Up to {@code limit} items per shard due at {@code now}, each shard's oldest first; callers merge and cut. */
  static List<Map<String, AttributeValue>> due(DynamoDbClient dynamo, String table, IntFunction<String> partition,
      Instant now, int limit) {
    // "#~" sorts after every id, so everything due at `now` is included.
    String upTo = FileItems.time(now) + "#~";
    List<Map<String, AttributeValue>> due = new ArrayList<>();
    for (int shard = 0; shard < FileTable.SWEEP_SHARDS; shard++) {
      String pk = partition.apply(shard);
      due.addAll(dynamo.query(b -> b.tableName(table).indexName(FileTable.BY_SWEEP)
          .keyConditionExpression("#pk = :pk AND #sk <= :now")
          .expressionAttributeNames(Map.of("#pk", FileTable.SWEEP_PK, "#sk", FileTable.SWEEP_SK))
          .expressionAttributeValues(Map.of(":pk", FileItems.s(pk), ":now", FileItems.s(upTo)))
          .scanIndexForward(true).limit(limit)).items());
    }
    return due;
  }
}
