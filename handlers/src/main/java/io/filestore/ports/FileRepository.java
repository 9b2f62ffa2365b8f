package io.filestore.ports;

import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where file records live. Every write is conditional; none creates a record by accident. */
public interface FileRepository {

  /** Inserts a new record; fails with {@link DuplicateIdException} when the id exists. */
  void insert(FileRecord record);

  Optional<FileRecord> find(String id);

  /**
   * Writes {@code next} only if the stored record still has {@code expected}'s version.
   *
   * @return false when another writer got there first (or the record is gone); re-read and decide again
   */
  boolean replace(FileRecord expected, FileRecord next);

  /** The owner's live files, newest first; {@code state} may be null for all live states. */
  Page<FileRecord> listByOwner(String owner, FileState state, int limit, String cursor);

  /** Records whose {@code sweepAt} has come, oldest first, at most {@code limit}, from an index (never a scan). */
  List<FileRecord> dueForSweep(Instant now, int limit);

  /** The id is taken; the caller draws another. */
  final class DuplicateIdException extends RuntimeException {
    public DuplicateIdException(String id) {
      super("File id " + id + " exists", null, false, false);
    }
  }

  /** A cursor the repository did not issue. */
  final class InvalidCursorException extends RuntimeException {
    public InvalidCursorException() {
      super("cursor is not one this API issued", null, false, false);
    }
  }
}
