package io.filestore.domain;

import io.filestore.ports.CollectionRepository;
import io.filestore.ports.InvalidCursorException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Collections and their members, for one caller at a time. A non-member is told a collection does not
 * exist; a member whose role does not allow an operation is told so.
 */
public final class CollectionService {
  private static final int MAX_ATTEMPTS = 5;

  private final CollectionRepository collections;
  private final FilePolicy policy;
  private final Clock clock;
  private final IdGenerator ids;

  public CollectionService(CollectionRepository collections, FilePolicy policy, Clock clock, IdGenerator ids) {
    this.collections = collections;
    this.policy = policy;
    this.clock = clock;
    this.ids = ids;
  }

  /** The policy a collection's uploads are checked against, for showing it to members. */
  public FilePolicy effectivePolicy(Collection c) {
    return policy.narrowedTo(c.allowedContentTypes(), c.maxSize());
  }

  public CollectionAccess create(String caller, NewCollection request) {
    FilePolicy.checkName("name", request.name());
    policy.checkNarrowing(request.allowedContentTypes(), request.maxSize());
    if (request.defaultMetadata() != null) {
      FilePolicy.checkMetadata(request.defaultMetadata());
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant now = now();
      Collection c = new Collection(ids.next(), request.name(), caller, request.allowedContentTypes(), request.maxSize(),
          request.defaultMetadata(), now);
      Membership owner = new Membership(c.id(), caller, Role.OWNER, now, caller);
      try {
        collections.create(c, owner);
        return new CollectionAccess(c, owner);
      } catch (CollectionRepository.DuplicateIdException e) {
        // Another collection has this id: draw again.
      }
    }
    throw new IllegalStateException("No free collection id after " + MAX_ATTEMPTS + " attempts");
  }

  public CollectionAccess get(String caller, String collectionId) {
    return collections.access(collectionId, caller).orElseThrow(() -> new CollectionNotFoundException(collectionId));
  }

  public Page<CollectionAccess> list(String caller, int limit, String cursor) {
    try {
      return collections.memberships(caller, limit, cursor);
    } catch (InvalidCursorException e) {
      throw new InvalidRequestException("cursor", e.getMessage());
    }
  }

  public Membership putMember(String caller, String collectionId, String principal, Role role) {
    Collection c = ownedCollection(caller, collectionId, principal);
    if (principal.equals(c.createdBy()) && role != Role.OWNER) {
      throw new CreatorConflictException();
    }
    Membership m = new Membership(collectionId, principal, role, now(), caller);
    if (!collections.putMember(m, caller)) {
      // The caller stopped being an owner after the check: answer as if checked now.
      ownedCollection(caller, collectionId, principal);
      throw new IllegalStateException("The membership of " + caller + " kept changing");
    }
    return m;
  }

  /** Owners remove anyone but the creator; any member may leave. */
  public void removeMember(String caller, String collectionId, String principal) {
    if (principal.equals(caller)) {
      Collection c = get(caller, collectionId).collection();
      if (principal.equals(c.createdBy())) {
        throw new CreatorConflictException();
      }
      collections.leave(collectionId, principal);
      return;
    }
    Collection c = ownedCollection(caller, collectionId, principal);
    if (principal.equals(c.createdBy())) {
      throw new CreatorConflictException();
    }
    if (!collections.removeMember(collectionId, principal, caller)) {
      ownedCollection(caller, collectionId, principal);
      throw new IllegalStateException("The membership of " + caller + " kept changing");
    }
  }

  private Collection ownedCollection(String caller, String collectionId, String principal) {
    CollectionAccess access = get(caller, collectionId);
    if (!access.role().canManageMembers()) {
      throw new RoleRequiredException("Only an owner of the collection may manage its members; you are a "
          + access.role().wireName());
    }
    return access.collection();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
