package io.filestore.domain;

/** What handling one S3 event did; returned to the invoker and logged. */
public enum EventOutcome {
  /** PENDING became UPLOADED. */
  UPLOADED,
  /** PENDING became STORED directly (store on load). */
  STORED,
  /** The file was marked DELETED because its object was removed. */
  DELETED,
  /** The record already reflected this event. */
  DUPLICATE,
  /** An older event than one already applied. */
  STALE,
  /** An object appeared for a deleted or expired file (a replayed or late upload) and was deleted again. */
  OBJECT_DELETED,
  /** The object differs from what the ticket allowed, so it was deleted and the file stays PENDING. */
  REJECTED,
  /**
   * The object's metadata is missing or differs from what the ticket signed (title, description, the
   * collection id), so it was deleted and the file stays PENDING.
   */
  METADATA_MISMATCH,
  /** The object is already gone again; its removal event will follow. */
  OBJECT_GONE,
  /** The key is not a Filestore file, or no record exists for it: logged and ignored. */
  UNKNOWN_KEY,
  /** The event names another bucket: logged and ignored. */
  FOREIGN_BUCKET
}
