package io.filestore.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A file's metadata and lifecycle, as stored. {@code owner} is the principal who started the upload;
 * {@code collectionId} is null for a file of that principal alone, and otherwise names the collection
 * whose roles govern it. {@code version} guards every write (compare-and-set), and
 * {@code sweepAt} is when the sweeper must next look at the file: its expiry while unstored, or at once
 * while its object still has to be deleted.
 */
public record FileRecord(
    String id,
    String owner,
    String collectionId,
    String name,
    String contentType,
    long size,
    FileState state,
    Map<String, String> metadata,
    String checksumSha256,
    String etag,
    Instant createdAt,
    Instant updatedAt,
    Instant uploadedAt,
    Instant storedAt,
    Instant expiresAt,
    Instant deletedAt,
    Instant sweepAt,
    String sequencer,
    long version) {

  /** Signed into every collection upload; the prefix is reserved, so a client cannot set it. */
  public static final String COLLECTION_METADATA_KEY = FilePolicy.RESERVED_METADATA_PREFIX + "collection";

  public FileRecord {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public String objectKey() {
    return ObjectKeys.keyOf(collectionId, id);
  }

  /**
   * The x-amz-meta-* the upload ticket signs and HeadObject must give back: the metadata, plus the
   * collection id for a file in a collection, so the object cannot be moved to another one.
   */
  public Map<String, String> signedMetadata() {
    if (collectionId == null) {
      return metadata;
    }
    Map<String, String> signed = new HashMap<>(metadata);
    signed.put(COLLECTION_METADATA_KEY, collectionId);
    return signed;
  }

  public Builder edit() {
    return new Builder(this);
  }

  /**
   * Copies a record with some fields changed, one version later; used by {@link Lifecycle} to derive the
   * next state. The repository writes it only if the stored record still has the version it came from.
   */
  public static final class Builder {
    private String etag;
    private long size;
    private FileState state;
    private Instant updatedAt;
    private Instant uploadedAt;
    private Instant storedAt;
    private Instant expiresAt;
    private Instant deletedAt;
    private Instant sweepAt;
    private String sequencer;
    private final FileRecord from;

    private Builder(FileRecord from) {
      this.from = from;
      this.etag = from.etag;
      this.size = from.size;
      this.state = from.state;
      this.updatedAt = from.updatedAt;
      this.uploadedAt = from.uploadedAt;
      this.storedAt = from.storedAt;
      this.expiresAt = from.expiresAt;
      this.deletedAt = from.deletedAt;
      this.sweepAt = from.sweepAt;
      this.sequencer = from.sequencer;
    }

    public Builder etag(String value) { etag = value; return this; }
    public Builder size(long value) { size = value; return this; }
    public Builder state(FileState value) { state = value; return this; }
    public Builder updatedAt(Instant value) { updatedAt = value; return this; }
    public Builder uploadedAt(Instant value) { uploadedAt = value; return this; }
    public Builder storedAt(Instant value) { storedAt = value; return this; }
    public Builder expiresAt(Instant value) { expiresAt = value; return this; }
    public Builder deletedAt(Instant value) { deletedAt = value; return this; }
    public Builder sweepAt(Instant value) { sweepAt = value; return this; }
    public Builder sequencer(String value) { sequencer = value; return this; }

    public FileRecord build() {
      return new FileRecord(from.id, from.owner, from.collectionId, from.name, from.contentType, size, state, from.metadata,
          from.checksumSha256, etag, from.createdAt, updatedAt, uploadedAt, storedAt, expiresAt, deletedAt,
          sweepAt, sequencer, from.version + 1);
    }
  }
}
