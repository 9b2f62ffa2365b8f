package io.filestore.domain;

/** A collection as one member sees it: the collection and that member's membership. */
public record CollectionAccess(Collection collection, Membership membership) {
  public Role role() {
    return membership.role();
  }
}
