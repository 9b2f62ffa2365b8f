package io.filestore.adapters.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table's layout (one table, several kinds of item):
 * <ul>
 *   <li>a file under {@code FILE#<id>}; while live, it is in a sparse index by creation time: of its
 *       owner's files ({@code byOwner}) or, in a collection, of the collection's files ({@code byCollection});
 *   <li>a collection under {@code COLL#<cid>} / {@code COLL}, and each membership under
 *       {@code COLL#<cid>} / {@code MEMBER#<principal>}, also in an index of each principal's memberships
 *       by the time they were added ({@code byMember});
 *   <li>a sparse, sharded index of file records the sweeper must visit, by due time ({@code bySweep}).
 * </ul>
 * Every listing is a query on one of these indexes; nothing scans. Terraform declares the same keys and
 * indexes from the wiring; a test compares them.
 */
public final class FileTable {
  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String BY_OWNER = "byOwner";
  public static final String OWNER_PK = "gsi1pk";
  public static final String OWNER_SK = "gsi1sk";
  public static final String BY_SWEEP = "bySweep";
  public static final String SWEEP_PK = "gsi2pk";
  public static final String SWEEP_SK = "gsi2sk";
  public static final String BY_COLLECTION = "byCollection";
  public static final String COLLECTION_PK = "gsi3pk";
  public static final String COLLECTION_SK = "gsi3sk";
  public static final String BY_MEMBER = "byMember";
  public static final String MEMBER_PK = "gsi4pk";
  public static final String MEMBER_SK = "gsi4sk";
  /** Tombstones (deleted and expired files) are removed by DynamoDB TTL after the retention period. */
  public static final String TTL = "ttl";
  /** Spreads the sweep index over several partitions; the sweeper queries each. */
  public static final int SWEEP_SHARDS = 4;

  private FileTable() {}

  /** For the emulators and the local stack; on AWS, Terraform creates the table. */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            string(PK), string(SK), string(OWNER_PK), string(OWNER_SK), string(SWEEP_PK), string(SWEEP_SK),
            string(COLLECTION_PK), string(COLLECTION_SK), string(MEMBER_PK), string(MEMBER_SK))
        .keySchema(hash(PK), range(SK))
        .globalSecondaryIndexes(
            index(BY_OWNER, OWNER_PK, OWNER_SK),
            index(BY_SWEEP, SWEEP_PK, SWEEP_SK),
            index(BY_COLLECTION, COLLECTION_PK, COLLECTION_SK),
            index(BY_MEMBER, MEMBER_PK, MEMBER_SK))
        .build();
  }

  private static GlobalSecondaryIndex index(String name, String hash, String range) {
    return GlobalSecondaryIndex.builder().indexName(name).keySchema(hash(hash), range(range))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }

  static List<String> indexNames() {
    return List.of(BY_OWNER, BY_SWEEP, BY_COLLECTION, BY_MEMBER);
  }
}
