package io.filestore.adapters.dynamodb;

import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.Page;
import io.filestore.domain.Role;
import io.filestore.ports.FileRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** File records in one DynamoDB table. Listings and sweeps query sparse indexes; nothing scans. */
public final class DynamoFileRepository implements FileRepository {
  /** A filtered listing reads at most this many index pages before it answers with a cursor. */
  private static final int MAX_PAGES_PER_LISTING = 10;

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
  public void insertInCollection(FileRecord record, Set<Role> uploaderRoles) {
    Map<String, AttributeValue> roles = new HashMap<>();
    List<String> placeholders = new ArrayList<>();
    for (Role role : uploaderRoles) {
      placeholders.add(":r" + placeholders.size());
      roles.put(placeholders.get(placeholders.size() - 1), FileItems.s(role.wireName()));
    }
    try {
      dynamo.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
              .key(CollectionItems.memberKey(record.collectionId(), record.owner()))
              .conditionExpression("#role IN (" + String.join(", ", placeholders) + ")")
              .expressionAttributeNames(Map.of("#role", "role"))
              .expressionAttributeValues(roles)).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(items.toItem(record))
              .conditionExpression("attribute_not_exists(#pk)")
              .expressionAttributeNames(Map.of("#pk", FileTable.PK))).build()));
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        throw new MembershipChangedException();
      }
      if (Transactions.failedCondition(e, 1)) {
        throw new DuplicateIdException(record.id());
      }
      throw e;
    }
  }

  @Override
  public Page<FileRecord> listByOwner(String owner, FileState state, int limit, String cursor) {
    return listLive(FileTable.BY_OWNER, FileTable.OWNER_PK, FileTable.OWNER_SK, FileItems.ownerKey(owner), state, limit, cursor);
  }

  @Override
  public Page<FileRecord> listByCollection(String collectionId, FileState state, int limit, String cursor) {
    return listLive(FileTable.BY_COLLECTION, FileTable.COLLECTION_PK, FileTable.COLLECTION_SK,
        FileItems.collectionKey(collectionId), state, limit, cursor);
  }

  /** Live files in one partition of a "<time>#<id>"-sorted index, newest first. */
  private Page<FileRecord> listLive(String index, String pkName, String skName, String partition, FileState state,
      int limit, String cursor) {
    Map<String, AttributeValue> start = null;
    if (cursor != null) {
      Cursors.Position at = Cursors.decode(cursor);
      start = FileItems.key(at.id());
      start.put(pkName, FileItems.s(partition));
      start.put(skName, FileItems.s(at.sortKey()));
    }
    List<FileRecord> page = new ArrayList<>(limit);
    for (int round = 0; round < MAX_PAGES_PER_LISTING; round++) {
      Map<String, String> names = new HashMap<>(Map.of("#pk", pkName));
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", FileItems.s(partition)));
      QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(index)
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
    return new Page<>(page, start == null ? null : Cursors.encode(start.get(skName).s()));
  }

  @Override
  public List<FileRecord> dueForSweep(Instant now, int limit) {
    List<FileRecord> due = new ArrayList<>();
    DueIndex.due(dynamo, table, FileItems::sweepShard, now, limit).forEach(item -> due.add(FileItems.fromItem(item)));
    due.sort(Comparator.comparing(FileRecord::sweepAt));
    return due.size() > limit ? List.copyOf(due.subList(0, limit)) : due;
  }

}
