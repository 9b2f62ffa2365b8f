package io.filestore.domain;

import io.filestore.ports.FileRepository;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The Files API's operations for one caller. A file belongs to its owner; anyone else is told it does
 * not exist. State changes are compare-and-set writes, retried on a lost race after re-reading.
 */
public final class FileService {
  private static final int MAX_ATTEMPTS = 5;

  private final FileRepository files;
  private final ObjectStore objects;
  private final FilePolicy policy;
  private final Clock clock;
  private final IdGenerator ids;
  private final Executor executor;
  private final Duration uploadUrlTtl;
  private final Duration unstoredTtl;
  private final Duration downloadUrlMaxTtl;

  public FileService(FileRepository files, ObjectStore objects, FilePolicy policy, Clock clock, IdGenerator ids,
      Executor executor, Duration uploadUrlTtl, Duration unstoredTtl, Duration downloadUrlMaxTtl) {
    this.files = files;
    this.objects = objects;
    this.policy = policy;
    this.clock = clock;
    this.ids = ids;
    this.executor = executor;
    this.uploadUrlTtl = uploadUrlTtl;
    this.unstoredTtl = unstoredTtl;
    this.downloadUrlMaxTtl = downloadUrlMaxTtl;
  }

  public UploadStarted create(String owner, NewFile file) {
    policy.check(file);
    Map<String, String> headers = new LinkedHashMap<>();
    file.metadata().forEach((k, v) -> headers.put(k, MetadataHeaders.encode(v)));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant now = now();
      Instant expiresAt = now.plus(unstoredTtl);
      FileRecord record = new FileRecord(ids.next(), owner, file.name(), file.contentType(), file.size(),
          FileState.PENDING, file.metadata(), file.checksumSha256(), null, now, now, null, null, expiresAt, null,
          expiresAt, null, 0);
      // Signing is CPU work and the insert is a network round trip: overlap them.
      CompletableFuture<UploadTicket> ticket = CompletableFuture.supplyAsync(() -> objects.presignUpload(
          record.objectKey(), file.contentType(), file.size(), headers, file.checksumSha256(), uploadUrlTtl), executor);
      try {
        files.insert(record);
      } catch (FileRepository.DuplicateIdException e) {
        continue;
      }
      try {
        return new UploadStarted(record, ticket.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
    }
    throw new IllegalStateException("No free file id after " + MAX_ATTEMPTS + " attempts");
  }

  public FileRecord get(String owner, String id) {
    return find(owner, id).orElseThrow(() -> new FileNotFoundException(id));
  }

  public FileRecord store(String owner, String id) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      FileRecord r = get(owner, id);
      switch (r.state()) {
        case STORED:
          return r;
        case UPLOADED: {
          FileRecord next = Lifecycle.stored(r, now());
          if (files.replace(r, next)) {
            return next;
          }
          break;
        }
        case PENDING:
          throw new FileStateException(r.state(), "The file is PENDING; it can be stored once it is UPLOADED");
        default:
          throw new FileStateException(r.state(), "The file is " + r.state() + " and can no longer be stored");
      }
    }
    throw new IllegalStateException("File " + id + " kept changing while it was stored");
  }

  public DownloadLink download(String owner, String id, int ttlSeconds, boolean inline) {
    if (ttlSeconds < 1 || ttlSeconds > downloadUrlMaxTtl.toSeconds()) {
      throw new InvalidRequestException("ttl", "must be between 1 and " + downloadUrlMaxTtl.toSeconds() + " seconds");
    }
    FileRecord r = get(owner, id);
    if (r.state() != FileState.UPLOADED && r.state() != FileState.STORED) {
      throw new FileStateException(r.state(), "Only an UPLOADED or STORED file can be downloaded; this one is " + r.state());
    }
    return objects.presignDownload(r.objectKey(), r.contentType(), ContentDisposition.of(inline, r.name()),
        Duration.ofSeconds(ttlSeconds));
  }

  public Page<FileRecord> list(String owner, FileState state, int limit, String cursor) {
    if (state != null && !state.isLive()) {
      throw new InvalidRequestException("state", "must be PENDING, UPLOADED or STORED");
    }
    try {
      return files.listByOwner(owner, state, limit, cursor);
    } catch (FileRepository.InvalidCursorException e) {
      throw new InvalidRequestException("cursor", e.getMessage());
    }
  }

  /** Marks the file DELETED, then deletes its object. A retry after a failure finishes the job. */
  public void delete(String owner, String id) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      FileRecord r = get(owner, id);
      FileRecord deleted = r.state() == FileState.DELETED ? r : Lifecycle.deleted(r, null, now());
      if (deleted != r && !files.replace(r, deleted)) {
        continue;
      }
      if (deleted.sweepAt() != null) {
        objects.delete(deleted.objectKey());
        // Losing this race is harmless: whoever won has seen the file deleted.
        files.replace(deleted, Lifecycle.purged(deleted, now()));
      }
      return;
    }
    throw new IllegalStateException("File " + id + " kept changing while it was deleted");
  }

  private Optional<FileRecord> find(String owner, String id) {
    return files.find(id).filter(r -> r.owner().equals(owner));
  }

  /** Millisecond precision, as stored, so that what a caller reads back equals what it was told. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
