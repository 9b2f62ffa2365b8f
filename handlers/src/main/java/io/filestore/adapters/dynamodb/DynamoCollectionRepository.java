package io.filestore.adapters.dynamodb;

import io.filestore.domain.Collection;
import io.filestore.domain.CollectionAccess;
import io.filestore.domain.Membership;
import io.filestore.domain.Page;
import io.filestore.domain.Role;
import io.filestore.ports.CollectionRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Collections and memberships in the files table. A member change is one transaction with a check that
 * the acting principal is still an owner; a change to the actor's own membership is one conditional
 * write instead, because a transaction may not touch an item twice.
 */
public final class DynamoCollectionRepository implements CollectionRepository {
  private static final int BATCH_ATTEMPTS = 5;
  private static final Map<String, String> ROLE_NAME = Map.of("#role", "role");
  private static final Map<String, AttributeValue> OWNER = Map.of(":owner", FileItems.s(Role.OWNER.wireName()));

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoCollectionRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public void create(Collection collection, Membership creator) {
    try {
      dynamo.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(table).item(CollectionItems.toItem(collection))
              .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", FileTable.PK))).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(CollectionItems.toItem(creator))).build()));
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        throw new DuplicateIdException(collection.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<CollectionAccess> access(String collectionId, String principal) {
    Collection collection = null;
    Membership membership = null;
    for (Map<String, AttributeValue> item : getAll(List.of(CollectionItems.key(collectionId),
        CollectionItems.memberKey(collectionId, principal)))) {
      if (CollectionItems.isMembership(item)) {
        membership = CollectionItems.membershipFrom(item);
      } else {
        collection = CollectionItems.collectionFrom(item);
      }
    }
    return collection == null || membership == null ? Optional.empty() : Optional.of(new CollectionAccess(collection, membership));
  }

  @Override
  public Optional<Role> role(String collectionId, String principal) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(CollectionItems.memberKey(collectionId, principal)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Role.fromWireName(FileItems.str(item, "role")));
  }

  @Override
  public boolean putMember(Membership membership, String actingOwner) {
    Map<String, AttributeValue> item = CollectionItems.toItem(membership);
    if (membership.principal().equals(actingOwner)) {
      try {
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#role = :owner")
            .expressionAttributeNames(ROLE_NAME).expressionAttributeValues(OWNER));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    }
    return asOwner(membership.collectionId(), actingOwner, TransactWriteItem.builder()
        .put(p -> p.tableName(table).item(item)).build());
  }

  @Override
  public boolean removeMember(String collectionId, String principal, String actingOwner) {
    Map<String, AttributeValue> key = CollectionItems.memberKey(collectionId, principal);
    return asOwner(collectionId, actingOwner, TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build());
  }

  @Override
  public void leave(String collectionId, String principal) {
    dynamo.deleteItem(b -> b.tableName(table).key(CollectionItems.memberKey(collectionId, principal)));
  }

  @Override
  public Page<CollectionAccess> memberships(String principal, int limit, String cursor) {
    String partition = CollectionItems.memberPartition(principal);
    Map<String, AttributeValue> start = null;
    if (cursor != null) {
      Cursors.Position at = Cursors.decode(cursor);
      start = CollectionItems.memberKey(at.id(), principal);
      start.put(FileTable.MEMBER_PK, FileItems.s(partition));
      start.put(FileTable.MEMBER_SK, FileItems.s(at.sortKey()));
    }
    Map<String, AttributeValue> exclusiveStart = start;
    QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(FileTable.BY_MEMBER)
        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", FileTable.MEMBER_PK))
        .expressionAttributeValues(Map.of(":pk", FileItems.s(partition)))
        .scanIndexForward(false).limit(limit).exclusiveStartKey(exclusiveStart));
    List<Membership> memberships = response.items().stream().map(CollectionItems::membershipFrom).toList();
    Map<String, Collection> byId = new HashMap<>();
    List<Map<String, AttributeValue>> keys = memberships.stream().map(m -> CollectionItems.key(m.collectionId())).toList();
    for (Map<String, AttributeValue> item : getAll(keys)) {
      Collection c = CollectionItems.collectionFrom(item);
      byId.put(c.id(), c);
    }
    List<CollectionAccess> page = new ArrayList<>();
    for (Membership m : memberships) {
      Collection c = byId.get(m.collectionId());
      if (c != null) {
        page.add(new CollectionAccess(c, m));
      }
    }
    boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
    return new Page<>(page, more ? Cursors.encode(response.lastEvaluatedKey().get(FileTable.MEMBER_SK).s()) : null);
  }

  /** Writes {@code change} only if {@code actingOwner} is an owner of the collection when it lands. */
  private boolean asOwner(String collectionId, String actingOwner, TransactWriteItem change) {
    try {
      dynamo.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
              .key(CollectionItems.memberKey(collectionId, actingOwner)).conditionExpression("#role = :owner")
              .expressionAttributeNames(ROLE_NAME).expressionAttributeValues(OWNER)).build(),
          change));
      return true;
    } catch (TransactionCanceledException e) {
      if (Transactions.failedCondition(e, 0)) {
        return false;
      }
      throw e;
    }
  }

  /** Strongly consistent reads of up to 100 keys, retrying what DynamoDB left unprocessed. */
  private List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    if (keys.isEmpty()) {
      return found;
    }
    Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    for (int attempt = 0; attempt < BATCH_ATTEMPTS && !request.isEmpty(); attempt++) {
      Map<String, KeysAndAttributes> pending = request;
      BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
      found.addAll(response.responses().getOrDefault(table, List.of()));
      request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      if (!request.isEmpty()) {
        sleep(50L << attempt);
      }
    }
    if (!request.isEmpty()) {
      throw new IllegalStateException("DynamoDB left keys unprocessed after " + BATCH_ATTEMPTS + " attempts");
    }
    return found;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading collections", e);
    }
  }
}
