package io.filestore.adapters.dynamodb;

import io.filestore.domain.Collection;
import io.filestore.domain.Membership;
import io.filestore.domain.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps collections and memberships to items and back; both live in the collection's partition. */
final class CollectionItems {
  private static final String COLLECTION_SORT = "COLL";
  private static final String MEMBER_SORT_PREFIX = "MEMBER#";

  private CollectionItems() {}

  static Map<String, AttributeValue> key(String collectionId) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FileTable.PK, FileItems.s(FileItems.collectionKey(collectionId)));
    key.put(FileTable.SK, FileItems.s(COLLECTION_SORT));
    return key;
  }

  static Map<String, AttributeValue> memberKey(String collectionId, String principal) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FileTable.PK, FileItems.s(FileItems.collectionKey(collectionId)));
    key.put(FileTable.SK, FileItems.s(MEMBER_SORT_PREFIX + principal));
    return key;
  }

  static String memberPartition(String principal) {
    return "MEMBER#" + principal;
  }

  static boolean isMembership(Map<String, AttributeValue> item) {
    AttributeValue sk = item.get(FileTable.SK);
    return sk != null && sk.s() != null && sk.s().startsWith(MEMBER_SORT_PREFIX);
  }

  static Map<String, AttributeValue> toItem(Collection c) {
    Map<String, AttributeValue> item = key(c.id());
    item.put("id", FileItems.s(c.id()));
    item.put("name", FileItems.s(c.name()));
    item.put("createdBy", FileItems.s(c.createdBy()));
    if (c.allowedContentTypes() != null) {
      List<AttributeValue> types = new ArrayList<>();
      c.allowedContentTypes().forEach(t -> types.add(FileItems.s(t)));
      item.put("allowedContentTypes", AttributeValue.builder().l(types).build());
    }
    if (c.maxSize() != null) {
      item.put("maxSize", FileItems.n(c.maxSize()));
    }
    Map<String, AttributeValue> metadata = new LinkedHashMap<>();
    c.defaultMetadata().forEach((k, v) -> metadata.put(k, FileItems.s(v)));
    item.put("defaultMetadata", AttributeValue.builder().m(metadata).build());
    FileItems.putTime(item, "createdAt", c.createdAt());
    return item;
  }

  static Collection collectionFrom(Map<String, AttributeValue> item) {
    AttributeValue types = item.get("allowedContentTypes");
    AttributeValue maxSize = item.get("maxSize");
    Map<String, String> metadata = new LinkedHashMap<>();
    AttributeValue m = item.get("defaultMetadata");
    if (m != null && m.hasM()) {
      m.m().forEach((k, v) -> metadata.put(k, v.s()));
    }
    return new Collection(FileItems.str(item, "id"), FileItems.str(item, "name"), FileItems.str(item, "createdBy"),
        types == null || !types.hasL() ? null : types.l().stream().map(AttributeValue::s).toList(),
        maxSize == null ? null : Long.parseLong(maxSize.n()), metadata, FileItems.instant(item, "createdAt"));
  }

  static Map<String, AttributeValue> toItem(Membership m) {
    Map<String, AttributeValue> item = memberKey(m.collectionId(), m.principal());
    item.put("collectionId", FileItems.s(m.collectionId()));
    item.put("principal", FileItems.s(m.principal()));
    item.put("role", FileItems.s(m.role().wireName()));
    FileItems.putTime(item, "addedAt", m.addedAt());
    item.put("addedBy", FileItems.s(m.addedBy()));
    item.put(FileTable.MEMBER_PK, FileItems.s(memberPartition(m.principal())));
    item.put(FileTable.MEMBER_SK, FileItems.s(FileItems.timeSort(m.addedAt(), m.collectionId())));
    return item;
  }

  static Membership membershipFrom(Map<String, AttributeValue> item) {
    return new Membership(FileItems.str(item, "collectionId"), FileItems.str(item, "principal"),
        Role.fromWireName(FileItems.str(item, "role")), FileItems.instant(item, "addedAt"), FileItems.str(item, "addedBy"));
  }
}
