package io.filestore.ports;

import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.Page;
import io.filestore.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where file records live. Every write is conditional; none creates a record by accident. */
public interface FileRepository {

  /** Inserts a new record; fails with {@link DuplicateIdException} when the id exists. */
  void insert(FileRecord record);

  /**
   * Inserts a new record of a collection, only if its owner (the uploader) still has one of
   * {@code uploaderRoles} in the collection when the write lands.
   *
   * @throws DuplicateIdException when the id exists
   * @throws MembershipChangedException when the uploader's role changed since it was checked
   */
  void insertInCollection(FileRecord record, Set<Role> uploaderRoles);

  Optional<FileRecord> find(String id);

  /**
   * Writes {@code next} only if the stored record still has {@code expected}'s version.
   *
   * @return false when another writer got there first (or the record is gone); re-read and decide again
   */
  boolean replace(FileRecord expected, FileRecord next);

  /** The owner's live files, newest first; {@code state} may be null for all live states. */
  Page<FileRecord> listByOwner(String owner, FileState state, int limit, String cursor);

  /** The collection's live files, newest first; {@code state} may be null for all live states. */
  Page<FileRecord> listByCollection(String collectionId, FileState state, int limit, String cursor);

  /** Records whose {@code sweepAt} has come, oldest first, at most {@code limit}, from an index (never a scan). */
  List<FileRecord> dueForSweep(Instant now, int limit);

  /** The id is taken; the caller draws another. */
  final class DuplicateIdException extends RuntimeException {
    public DuplicateIdException(String id) {
      super("File id " + id + " exists", null, false, false);
    }
  }

  /** The uploader's role changed between the check and the write; the caller checks again. */
  final class MembershipChangedException extends RuntimeException {
    public MembershipChangedException() {
      super("The uploader's membership changed", null, false, false);
    }
  }
}
