package io.filestore.contracts;

import io.filestore.adapters.dynamodb.DynamoFileRepository;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileState;
import io.filestore.domain.ObjectKeys;
import io.filestore.functions.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Files with the ids a contract's examples name, written straight to the emulators: a message's example
 * is fixed text, so its file must exist under exactly that id before the function consumes it.
 */
public final class Seeds {
  static final String OWNER = "key:0123456789abcdef0123456789abcdef";

  private final LocalAws.Space space;
  private final DynamoFileRepository files;

  public Seeds(LocalAws.Space space) {
    this.space = space;
    this.files = new DynamoFileRepository(LocalAws.dynamo(), space.table(), Duration.ofDays(30));
  }

  public DynamoFileRepository files() {
    return files;
  }

  /** A PENDING file whose ticket allowed these bytes; with {@code upload}, the bytes are in S3 too. */
  public FileRecord pending(String id, String contentType, int size, boolean upload) {
    Instant now = Instant.now();
    Instant expiresAt = now.plus(Duration.ofHours(1));
    FileRecord record = new FileRecord(id, OWNER, null, "photo.jpg", contentType, size, FileState.PENDING, Map.of(), null, null,
        now, now, null, null, expiresAt, null, expiresAt, null, 0);
    files.insert(record);
    if (upload) {
      LocalAws.s3().putObject(b -> b.bucket(space.bucket()).key(ObjectKeys.keyOf(id)).contentType(contentType),
          RequestBody.fromBytes(new byte[size]));
      space.nextRecord();
    }
    return record;
  }

  /** A STORED file whose object is in S3. */
  public FileRecord stored(String id, String contentType, int size) {
    FileRecord pending = pending(id, contentType, size, true);
    Instant now = Instant.now();
    FileRecord stored = pending.edit().state(FileState.STORED).uploadedAt(now).storedAt(now).updatedAt(now)
        .expiresAt(null).sweepAt(null).build();
    if (!files.replace(pending, stored)) {
      throw new IllegalStateException("could not store the seeded file " + id);
    }
    return stored;
  }

  /** A PENDING file that expired an hour ago and was never uploaded. */
  public FileRecord expired(String id) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    FileRecord record = new FileRecord(id, OWNER, null, "stale.pdf", "application/pdf", 10, FileState.PENDING, Map.of(), null,
        null, past, past, null, null, past.plus(Duration.ofHours(1)), null, past.plus(Duration.ofHours(1)), null, 0);
    files.insert(record);
    return record;
  }
}
