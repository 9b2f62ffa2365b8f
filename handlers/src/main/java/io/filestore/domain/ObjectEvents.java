package io.filestore.domain;

import io.filestore.ports.FileRepository;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies S3 notifications to file records. S3 delivers at least once and may reorder, so every event
 * is checked against the key's last applied sequencer, and every write is a compare-and-set. An event
 * never creates a record.
 */
public final class ObjectEvents {
  private static final int MAX_ATTEMPTS = 5;

  private final FileRepository files;
  private final ObjectStore objects;
  private final Clock clock;
  private final String bucket;
  private final boolean storeOnLoad;

  public ObjectEvents(FileRepository files, ObjectStore objects, Clock clock, String bucket, boolean storeOnLoad) {
    this.files = files;
    this.objects = objects;
    this.clock = clock;
    this.bucket = bucket;
    this.storeOnLoad = storeOnLoad;
  }

  public EventOutcome apply(ObjectEvent event) {
    if (!bucket.equals(event.bucket())) {
      return EventOutcome.FOREIGN_BUCKET;
    }
    String id = ObjectKeys.idOf(event.key());
    if (id == null) {
      return EventOutcome.UNKNOWN_KEY;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<FileRecord> found = files.find(id);
      if (found.isEmpty()) {
        return EventOutcome.UNKNOWN_KEY;
      }
      FileRecord r = found.get();
      if (!r.objectKey().equals(event.key())) {
        // The id is a file's, but the key is not that file's (another collection's prefix, say).
        return EventOutcome.UNKNOWN_KEY;
      }
      if (!Sequencers.isNewer(event.sequencer(), r.sequencer())) {
        return event.sequencer() != null && event.sequencer().equalsIgnoreCase(r.sequencer())
            ? EventOutcome.DUPLICATE : EventOutcome.STALE;
      }
      EventOutcome outcome = event.kind() == ObjectEvent.Kind.CREATED ? created(r, event) : removed(r, event);
      if (outcome != null) {
        return outcome;
      }
    }
    throw new ConcurrentModificationException(id);
  }

  /** @return null when the compare-and-set lost a race and the event must be applied again */
  private EventOutcome created(FileRecord r, ObjectEvent event) {
    switch (r.state()) {
      case PENDING: {
        Optional<ObjectFacts> head = objects.head(r.objectKey());
        if (head.isEmpty()) {
          return EventOutcome.OBJECT_GONE;
        }
        ObjectFacts facts = head.get();
        if (facts.size() != r.size() || !r.contentType().equalsIgnoreCase(facts.contentType())) {
          objects.delete(r.objectKey());
          return EventOutcome.REJECTED;
        }
        if (!facts.metadata().equals(r.signedMetadata())) {
          objects.delete(r.objectKey());
          return EventOutcome.METADATA_MISMATCH;
        }
        FileRecord next = Lifecycle.uploaded(r, facts, event.sequencer(), storeOnLoad, clock.instant());
        if (!files.replace(r, next)) {
          return null;
        }
        return storeOnLoad ? EventOutcome.STORED : EventOutcome.UPLOADED;
      }
      case UPLOADED:
      case STORED:
        // If-None-Match: * means S3 never replaces the object, so this is a redelivery under a new sequencer.
        return files.replace(r, Lifecycle.sequenced(r, event.sequencer())) ? EventOutcome.DUPLICATE : null;
      default: {
        // A late or replayed upload for a deleted or expired file must not bring it back.
        objects.delete(r.objectKey());
        return files.replace(r, Lifecycle.sequenced(r, event.sequencer())) ? EventOutcome.OBJECT_DELETED : null;
      }
    }
  }

  private EventOutcome removed(FileRecord r, ObjectEvent event) {
    if (r.state() == FileState.DELETED || r.state() == FileState.EXPIRED) {
      // S3 confirms the object is gone, so the sweeper has nothing left to do for it.
      FileRecord next = Lifecycle.purged(Lifecycle.sequenced(r, event.sequencer()), clock.instant());
      return files.replace(r, next) ? EventOutcome.DUPLICATE : null;
    }
    // Removed behind the API's back (or before its creation event arrived): the file is gone.
    FileRecord next = Lifecycle.purged(Lifecycle.deleted(r, event.sequencer(), clock.instant()), clock.instant());
    return files.replace(r, next) ? EventOutcome.DELETED : null;
  }

  /** Too many concurrent writers on one file; the invocation fails and S3's retry applies it later. */
  public static final class ConcurrentModificationException extends RuntimeException {
    public ConcurrentModificationException(String id) {
      super("File " + id + " kept changing while an event was applied");
    }
  }
}
