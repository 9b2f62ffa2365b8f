package io.filestore.domain;

import io.filestore.ports.CollectionRepository;
import io.filestore.ports.FileRepository;
import io.filestore.ports.InvalidCursorException;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The file operations for one caller. A file of a principal alone belongs to that principal; a file in a
 * collection follows the collection's roles ({@link Role}). Anyone without access is told the file does
 * not exist. State changes are compare-and-set writes, retried on a lost race after re-reading.
 */
public final class FileService {
  private static final int MAX_ATTEMPTS = 5;
  private static final Set<Role> UPLOADERS = EnumSet.copyOf(Stream.of(Role.values()).filter(Role::canUpload).toList());

  private final FileRepository files;
  private final CollectionRepository collections;
  private final ObjectStore objects;
  private final FilePolicy policy;
  private final Clock clock;
  private final IdGenerator ids;
  private final Executor executor;
  private final Duration uploadUrlTtl;
  private final Duration unstoredTtl;
  private final Duration downloadUrlMaxTtl;

  public FileService(FileRepository files, CollectionRepository collections, ObjectStore objects, FilePolicy policy,
      Clock clock, IdGenerator ids, Executor executor, Duration uploadUrlTtl, Duration unstoredTtl, Duration downloadUrlMaxTtl) {
    this.files = files;
    this.collections = collections;
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
    return start(owner, null, file, record -> {
      files.insert(record);
      return true;
    });
  }

  /**
   * Starts an upload into a collection: contributors and owners only, under the collection's policy, with
   * the title, the description, the collection's default metadata and the collection id signed in.
   */
  public UploadStarted createInCollection(String caller, String collectionId, NewCollectionFile upload) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      CollectionAccess access = collections.access(collectionId, caller)
          .orElseThrow(() -> new CollectionNotFoundException(collectionId));
      if (!access.role().canUpload()) {
        throw new RoleRequiredException("Only a contributor or an owner of the collection may upload into it; you are a "
            + access.role().wireName());
      }
      Collection c = access.collection();
      NewFile file = withCollectionMetadata(c, upload);
      // The narrowed policy is the deployment's too: a collection can never allow more.
      policy.narrowedTo(c.allowedContentTypes(), c.maxSize()).check(file);
      UploadStarted started = start(caller, collectionId, file, record -> {
        try {
          files.insertInCollection(record, UPLOADERS);
          return true;
        } catch (FileRepository.MembershipChangedException e) {
          return false;
        }
      });
      if (started != null) {
        return started;
      }
    }
    throw new IllegalStateException("The membership kept changing while an upload into " + collectionId + " started");
  }

  public FileRecord get(String caller, String id) {
    return access(caller, id).file();
  }

  public FileRecord store(String caller, String id) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      FileRecord r = modifiable(caller, id, "store");
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

  public DownloadLink download(String caller, String id, int ttlSeconds, boolean inline) {
    if (ttlSeconds < 1 || ttlSeconds > downloadUrlMaxTtl.toSeconds()) {
      throw new InvalidRequestException("ttl", "must be between 1 and " + downloadUrlMaxTtl.toSeconds() + " seconds");
    }
    FileRecord r = get(caller, id);
    if (r.state() != FileState.UPLOADED && r.state() != FileState.STORED) {
      throw new FileStateException(r.state(), "Only an UPLOADED or STORED file can be downloaded; this one is " + r.state());
    }
    return objects.presignDownload(r.objectKey(), r.contentType(), ContentDisposition.of(inline, r.name()),
        Duration.ofSeconds(ttlSeconds));
  }

  public Page<FileRecord> list(String owner, FileState state, int limit, String cursor) {
    checkListable(state);
    try {
      return files.listByOwner(owner, state, limit, cursor);
    } catch (InvalidCursorException e) {
      throw new InvalidRequestException("cursor", e.getMessage());
    }
  }

  /** A collection's live files, newest first: members only. */
  public Page<FileRecord> listInCollection(String caller, String collectionId, FileState state, int limit, String cursor) {
    checkListable(state);
    if (collections.role(collectionId, caller).isEmpty()) {
      throw new CollectionNotFoundException(collectionId);
    }
    try {
      return files.listByCollection(collectionId, state, limit, cursor);
    } catch (InvalidCursorException e) {
      throw new InvalidRequestException("cursor", e.getMessage());
    }
  }

  /** Marks the file DELETED, then deletes its object. A retry after a failure finishes the job. */
  public void delete(String caller, String id) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      FileRecord r = modifiable(caller, id, "delete");
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

  /** A file and the caller's role in its collection (null for a file of the caller alone). */
  private record FileAccess(FileRecord file, Role role) {}

  private FileAccess access(String caller, String id) {
    Optional<FileRecord> found = files.find(id);
    if (found.isPresent()) {
      FileRecord r = found.get();
      if (r.collectionId() == null) {
        if (r.owner().equals(caller)) {
          return new FileAccess(r, null);
        }
      } else {
        Optional<Role> role = collections.role(r.collectionId(), caller);
        if (role.isPresent()) {
          return new FileAccess(r, role.get());
        }
      }
    }
    throw new FileNotFoundException(id);
  }

  private FileRecord modifiable(String caller, String id, String action) {
    FileAccess a = access(caller, id);
    if (a.role() != null && !a.role().canModify(a.file(), caller)) {
      throw new RoleRequiredException(a.role() == Role.VIEWER
          ? "A viewer of the collection may not " + action + " its files"
          : "A contributor may " + action + " only the files they uploaded; an owner of the collection may " + action + " any");
    }
    return a.file();
  }

  /** The upload's metadata: the collection's defaults, then the client's keys, then the title and description. */
  private static NewFile withCollectionMetadata(Collection c, NewCollectionFile upload) {
    NewFile file = upload.file();
    Map<String, String> metadata = new LinkedHashMap<>(c.defaultMetadata());
    metadata.putAll(file.metadata());
    putField(metadata, file.metadata(), "title", upload.title());
    putField(metadata, file.metadata(), "description", upload.description());
    return new NewFile(file.name(), file.contentType(), file.size(), metadata, file.checksumSha256());
  }

  private static void putField(Map<String, String> metadata, Map<String, String> given, String key, String value) {
    if (value == null) {
      return;
    }
    if (given.containsKey(key)) {
      throw new InvalidRequestException("metadata." + key, "give the " + key + " in its own field, not in metadata");
    }
    metadata.put(key, value);
  }

  private interface Inserter {
    /** @return false when the insert must be decided again from scratch */
    boolean insert(FileRecord record);
  }

  /** @return null when the inserter asked to decide again */
  private UploadStarted start(String owner, String collectionId, NewFile file, Inserter inserter) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Instant now = now();
      Instant expiresAt = now.plus(unstoredTtl);
      FileRecord record = new FileRecord(ids.next(), owner, collectionId, file.name(), file.contentType(), file.size(),
          FileState.PENDING, file.metadata(), file.checksumSha256(), null, now, now, null, null, expiresAt, null,
          expiresAt, null, 0);
      Map<String, String> headers = new LinkedHashMap<>();
      record.signedMetadata().forEach((k, v) -> headers.put(k, MetadataHeaders.encode(v)));
      // Signing is CPU work and the insert is a network round trip: overlap them.
      CompletableFuture<UploadTicket> ticket = CompletableFuture.supplyAsync(() -> objects.presignUpload(
          record.objectKey(), file.contentType(), file.size(), headers, file.checksumSha256(), uploadUrlTtl), executor);
      try {
        if (!inserter.insert(record)) {
          return null;
        }
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

  private static void checkListable(FileState state) {
    if (state != null && !state.isLive()) {
      throw new InvalidRequestException("state", "must be PENDING, UPLOADED or STORED");
    }
  }

  /** Millisecond precision, as stored, so that what a caller reads back equals what it was told. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
