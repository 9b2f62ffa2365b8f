package io.filestore.adapters.dynamodb;

import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps file records to items and back, deriving the index keys from the record's state. */
final class FileItems {
  /** Fixed width, so that the strings sort as the instants do. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Duration tombstoneRetention;

  FileItems(Duration tombstoneRetention) {
    this.tombstoneRetention = tombstoneRetention;
  }

  static Map<String, AttributeValue> key(String id) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FileTable.PK, s("FILE#" + id));
    key.put(FileTable.SK, s("FILE"));
    return key;
  }

  static String ownerKey(String owner) {
    return "OWNER#" + owner;
  }

  static String collectionKey(String collectionId) {
    return "COLL#" + collectionId;
  }

  /** "<time>#<id>": sorts by time, then id, so a listing's order is total. */
  static String timeSort(Instant createdAt, String id) {
    return time(createdAt) + "#" + id;
  }

  static String sweepShard(int shard) {
    return "SWEEP#" + shard;
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  Map<String, AttributeValue> toItem(FileRecord r) {
    Map<String, AttributeValue> item = key(r.id());
    item.put("id", s(r.id()));
    item.put("owner", s(r.owner()));
    putIfPresent(item, "collectionId", r.collectionId());
    item.put("name", s(r.name()));
    item.put("contentType", s(r.contentType()));
    item.put("size", n(r.size()));
    item.put("state", s(r.state().name()));
    Map<String, AttributeValue> metadata = new LinkedHashMap<>();
    r.metadata().forEach((k, v) -> metadata.put(k, s(v)));
    item.put("metadata", AttributeValue.builder().m(metadata).build());
    putIfPresent(item, "checksumSha256", r.checksumSha256());
    putIfPresent(item, "etag", r.etag());
    putTime(item, "createdAt", r.createdAt());
    putTime(item, "updatedAt", r.updatedAt());
    putTime(item, "uploadedAt", r.uploadedAt());
    putTime(item, "storedAt", r.storedAt());
    putTime(item, "expiresAt", r.expiresAt());
    putTime(item, "deletedAt", r.deletedAt());
    putTime(item, "sweepAt", r.sweepAt());
    putIfPresent(item, "sequencer", r.sequencer());
    item.put("version", n(r.version()));
    if (r.state().isLive() && r.collectionId() == null) {
      item.put(FileTable.OWNER_PK, s(ownerKey(r.owner())));
      item.put(FileTable.OWNER_SK, s(timeSort(r.createdAt(), r.id())));
    }
    if (r.state().isLive() && r.collectionId() != null) {
      item.put(FileTable.COLLECTION_PK, s(collectionKey(r.collectionId())));
      item.put(FileTable.COLLECTION_SK, s(timeSort(r.createdAt(), r.id())));
    }
    if (r.sweepAt() != null) {
      item.put(FileTable.SWEEP_PK, s(sweepShard(shardOf(r.id()))));
      item.put(FileTable.SWEEP_SK, s(time(r.sweepAt()) + "#" + r.id()));
    }
    if (!r.state().isLive() && r.sweepAt() == null) {
      item.put(FileTable.TTL, n(r.updatedAt().plus(tombstoneRetention).getEpochSecond()));
    }
    return item;
  }

  static FileRecord fromItem(Map<String, AttributeValue> item) {
    Map<String, String> metadata = new LinkedHashMap<>();
    AttributeValue m = item.get("metadata");
    if (m != null && m.hasM()) {
      m.m().forEach((k, v) -> metadata.put(k, v.s()));
    }
    return new FileRecord(
        str(item, "id"), str(item, "owner"), str(item, "collectionId"), str(item, "name"), str(item, "contentType"),
        Long.parseLong(item.get("size").n()), FileState.valueOf(str(item, "state")), metadata,
        str(item, "checksumSha256"), str(item, "etag"),
        instant(item, "createdAt"), instant(item, "updatedAt"), instant(item, "uploadedAt"),
        instant(item, "storedAt"), instant(item, "expiresAt"), instant(item, "deletedAt"),
        instant(item, "sweepAt"), str(item, "sequencer"), Long.parseLong(item.get("version").n()));
  }

  static int shardOf(String id) {
    return Character.digit(id.charAt(id.length() - 1), 16) % FileTable.SWEEP_SHARDS;
  }

  static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static void putTime(Map<String, AttributeValue> item, String name, Instant value) {
    if (value != null) {
      item.put(name, s(time(value)));
    }
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }
}
