package io.filestore.domain;

import java.time.Instant;

/**
 * The state machine: each method derives the next record of one transition. Callers write it with a
 * compare-and-set on the version they read, so a concurrent transition makes the write fail instead
 * of being lost.
 */
public final class Lifecycle {
  private Lifecycle() {}

  public static FileRecord uploaded(FileRecord r, ObjectFacts facts, String sequencer, boolean storeOnLoad, Instant now) {
    FileRecord.Builder next = r.edit().state(FileState.UPLOADED).size(facts.size()).etag(facts.etag())
        .uploadedAt(now).updatedAt(now).sequencer(sequencer);
    if (storeOnLoad) {
      next.state(FileState.STORED).storedAt(now).expiresAt(null).sweepAt(null);
    }
    return next.build();
  }

  public static FileRecord stored(FileRecord r, Instant now) {
    return r.edit().state(FileState.STORED).storedAt(now).updatedAt(now).expiresAt(null).sweepAt(null).build();
  }

  /** The object may still exist, so the sweeper is due at once until {@link #purged} is written. */
  public static FileRecord deleted(FileRecord r, String sequencer, Instant now) {
    return r.edit().state(FileState.DELETED).deletedAt(now).updatedAt(now).sweepAt(now)
        .sequencer(sequencer == null ? r.sequencer() : sequencer).build();
  }

  public static FileRecord expired(FileRecord r, Instant now) {
    return r.edit().state(FileState.EXPIRED).updatedAt(now).sweepAt(now).build();
  }

  /** The object is gone: nothing left for the sweeper. */
  public static FileRecord purged(FileRecord r, Instant now) {
    return r.edit().sweepAt(null).updatedAt(now).build();
  }

  public static FileRecord sequenced(FileRecord r, String sequencer) {
    return r.edit().sequencer(sequencer).build();
  }
}
