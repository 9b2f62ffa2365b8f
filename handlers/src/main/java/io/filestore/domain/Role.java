package io.filestore.domain;

import java.util.Locale;

/**
 * A member's role in a collection. The rules live here, so that the API and its tests read one table:
 * every member reads; owners and contributors upload; owners change anything, contributors only what
 * they uploaded; only owners manage members.
 */
public enum Role {
  OWNER, CONTRIBUTOR, VIEWER;

  public boolean canUpload() {
    return this != VIEWER;
  }

  public boolean canManageMembers() {
    return this == OWNER;
  }

  /** Store or delete: an owner any file of the collection, a contributor the files they uploaded. */
  public boolean canModify(FileRecord file, String principal) {
    return this == OWNER || (this == CONTRIBUTOR && file.owner().equals(principal));
  }

  /** The lowercase name the API and the table use. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
