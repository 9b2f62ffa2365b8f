package io.filestore.ports;

import io.filestore.domain.Collection;
import io.filestore.domain.CollectionAccess;
import io.filestore.domain.Membership;
import io.filestore.domain.Page;
import io.filestore.domain.Role;
import java.util.Optional;

/**
 * Where collections and memberships live. Member changes are conditional on the acting principal still
 * being an owner when the write lands, so a demoted owner's late request changes nothing.
 */
public interface CollectionRepository {

  /** Creates the collection with its creator as owner, both or neither; {@link DuplicateIdException} when the id exists. */
  void create(Collection collection, Membership creator);

  /** @return the collection and the principal's membership, or empty when either is missing */
  Optional<CollectionAccess> access(String collectionId, String principal);

  /** @return the principal's role in the collection, or empty when they are not a member */
  Optional<Role> role(String collectionId, String principal);

  /** Adds or replaces a membership. @return false when {@code actingOwner} is no longer an owner */
  boolean putMember(Membership membership, String actingOwner);

  /**
   * Removes another principal's membership (removing a non-member succeeds); one's own goes through
   * {@link #leave}. @return false when {@code actingOwner} is no longer an owner
   */
  boolean removeMember(String collectionId, String principal, String actingOwner);

  /** Removes the principal's own membership, whatever its role; leaving twice succeeds. */
  void leave(String collectionId, String principal);

  /** The principal's memberships, most recently added first, each with its collection. */
  Page<CollectionAccess> memberships(String principal, int limit, String cursor);

  /** The id is taken; the caller draws another. */
  final class DuplicateIdException extends RuntimeException {
    public DuplicateIdException(String id) {
      super("Collection id " + id + " exists", null, false, false);
    }
  }
}
