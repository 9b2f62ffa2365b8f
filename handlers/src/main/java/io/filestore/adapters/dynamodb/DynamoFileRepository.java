package io.filestore.adapters.dynamodb;

import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.ObjectKeys;
import io.filestore.domain.Page;
import io.filestore.ports.FileRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** File records in one DynamoDB table. Listings and sweeps query sparse indexes; nothing scans. */
public final class DynamoFileRepository implements FileRepository {
  /** A filtered listing reads at most this many index pages before it answers with a cursor. */
  private static final int MAX_PAGES_PER_LISTING = 10;
  private static final Pattern CURSOR = Pattern.compile("v1:(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)#([0-9a-f]{32})");

  private final DynamoDbClient dynamo;
  private final String table;
  private final FileItems items;

  public DynamoFileRepository(DynamoDbClient dynamo, String table, Duration tombstoneRetention) {
    this.dynamo = dynamo;
    this.table = table;
    this.items = new FileItems(tombstoneRetention);
  }

  @Override
  public void insert(FileRecord record) {
    try {
      dynamo.putItem(b -> b.tableName(table).item(items.toItem(record))
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", FileTable.PK)));
    } catch (ConditionalCheckFailedException e) {
      throw new DuplicateIdException(record.id());
    }
  }

  @Override
  public Optional<FileRecord> find(String id) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(FileItems.key(id)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(FileItems.fromItem(item));
  }

  @Override
  public boolean replace(FileRecord expected, FileRecord next) {
    if (!expected.id().equals(next.id()) || next.version() <= expected.version()) {
      throw new IllegalArgumentException("next must be a later version of the same file");
    }
    try {
      dynamo.putItem(b -> b.tableName(table).item(items.toItem(next))
          .conditionExpression("#v = :v")
          .expressionAttributeNames(Map.of("#v", "version"))
          .expressionAttributeValues(Map.of(":v", FileItems.n(expected.version()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Page<FileRecord> listByOwner(String owner, FileState state, int limit, String cursor) {
    Map<String, AttributeValue> start = cursor == null ? null : startKey(owner, cursor);
    List<FileRecord> page = new ArrayList<>(limit);
    for (int round = 0; round < MAX_PAGES_PER_LISTING; round++) {
      Map<String, String> names = new HashMap<>(Map.of("#pk", FileTable.OWNER_PK));
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", FileItems.s(FileItems.ownerKey(owner))));
      QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(FileTable.BY_OWNER)
          .keyConditionExpression("#pk = :pk").scanIndexForward(false).limit(limit - page.size())
          .exclusiveStartKey(start);
      if (state != null) {
        names.put("#state", "state");
        values.put(":state", FileItems.s(state.name()));
        query.filterExpression("#state = :state");
      }
      QueryResponse response = dynamo.query(query.expressionAttributeNames(names).expressionAttributeValues(values).build());
      response.items().forEach(item -> page.add(FileItems.fromItem(item)));
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
      if (start == null || page.size() >= limit) {
        break;
      }
    }
    return new Page<>(page, start == null ? null : cursorOf(start));
  }

  @Override
  public List<FileRecord> dueForSweep(Instant now, int limit) {
    // Sort keys are "<due time>#<id>"; "#~" sorts after every id, so everything due at `now` is included.
    String upTo = FileItems.time(now) + "#~";
    List<FileRecord> due = new ArrayList<>();
    for (int shard = 0; shard < FileTable.SWEEP_SHARDS; shard++) {
      String pk = FileItems.sweepShard(shard);
      dynamo.query(b -> b.tableName(table).indexName(FileTable.BY_SWEEP)
              .keyConditionExpression("#pk = :pk AND #sk <= :now")
              .expressionAttributeNames(Map.of("#pk", FileTable.SWEEP_PK, "#sk", FileTable.SWEEP_SK))
              .expressionAttributeValues(Map.of(":pk", FileItems.s(pk), ":now", FileItems.s(upTo)))
              .scanIndexForward(true).limit(limit))
          .items().forEach(item -> due.add(FileItems.fromItem(item)));
    }
    due.sort(Comparator.comparing(FileRecord::sweepAt));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

  /** The cursor names a position (creation time and id), never another owner: the owner comes from the caller. */
  private static String cursorOf(Map<String, AttributeValue> lastKey) {
    String sort = lastKey.get(FileTable.OWNER_SK).s();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + sort).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, AttributeValue> startKey(String owner, String cursor) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException();
    }
    Matcher m = CURSOR.matcher(decoded);
    if (!m.matches() || !ObjectKeys.isValidId(m.group(2))) {
      throw new InvalidCursorException();
    }
    Map<String, AttributeValue> key = FileItems.key(m.group(2));
    key.put(FileTable.OWNER_PK, FileItems.s(FileItems.ownerKey(owner)));
    key.put(FileTable.OWNER_SK, FileItems.s(m.group(1) + "#" + m.group(2)));
    return key;
  }
}
