package io.filestore.functions;

import io.filestore.api.ApiProblem;
import io.filestore.api.FilesApi;
import io.filestore.api.model.CreateFileRequest;
import io.filestore.api.model.Disposition;
import io.filestore.api.model.DownloadLink;
import io.filestore.api.model.FileInfo;
import io.filestore.api.model.FileList;
import io.filestore.api.model.LiveFileState;
import io.filestore.api.model.UploadStarted;
import io.filestore.api.model.UploadTicket;
import io.filestore.domain.FileNotFoundException;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileService;
import io.filestore.domain.FileState;
import io.filestore.domain.FileStateException;
import io.filestore.domain.InvalidRequestException;
import io.filestore.domain.NewFile;
import io.filestore.domain.Page;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The generated {@link FilesApi}, for one caller: converts between the API's DTOs and the domain,
 * and domain failures into problems. One instance per request, because the caller is per request.
 */
final class FilesResource implements FilesApi {
  private final FileService files;
  private final String caller;

  FilesResource(FileService files, String caller) {
    this.files = files;
    this.caller = caller;
  }

  @Override
  public UploadStarted createFile(CreateFileRequest request) {
    return call(() -> {
      var started = files.create(caller, new NewFile(request.getName(), request.getContentType(), request.getSize(),
          request.getMetadata(), request.getChecksumSha256()));
      var ticket = started.ticket();
      UploadTicket upload = new UploadTicket(UploadTicket.MethodEnum.PUT, uri(ticket.url().toString()),
          ticket.headers(), time(ticket.expiresAt()));
      return new UploadStarted(info(started.file()), upload);
    });
  }

  @Override
  public FileInfo getFile(String id) {
    return call(() -> info(files.get(caller, id)));
  }

  @Override
  public FileInfo storeFile(String id) {
    return call(() -> info(files.store(caller, id)));
  }

  @Override
  public DownloadLink downloadFile(String id, Integer ttl, Disposition disposition) {
    return call(() -> {
      var link = files.download(caller, id, ttl, disposition == Disposition.INLINE);
      return new DownloadLink(uri(link.url().toString()), time(link.expiresAt()));
    });
  }

  @Override
  public FileList listFiles(LiveFileState state, Integer limit, String cursor) {
    return call(() -> {
      Page<FileRecord> page = files.list(caller, state == null ? null : FileState.valueOf(state.toString()), limit, cursor);
      FileList list = new FileList(page.items().stream().map(FilesResource::info).toList());
      return list.nextCursor(page.nextCursor());
    });
  }

  @Override
  public void deleteFile(String id) {
    call(() -> {
      files.delete(caller, id);
      return null;
    });
  }

  static FileInfo info(FileRecord r) {
    FileInfo info = new FileInfo(r.id(), r.name(), r.contentType(), r.size(),
        io.filestore.api.model.FileState.fromValue(r.state().name()), r.metadata(), time(r.createdAt()), time(r.updatedAt()));
    return info.checksumSha256(r.checksumSha256()).uploadedAt(time(r.uploadedAt())).storedAt(time(r.storedAt()))
        .expiresAt(time(r.expiresAt())).deletedAt(time(r.deletedAt()));
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (InvalidRequestException e) {
      throw ApiProblem.invalid(e.field(), e.getMessage());
    } catch (FileNotFoundException e) {
      throw ApiProblem.notFound(e.getMessage());
    } catch (FileStateException e) {
      throw ApiProblem.conflict(e.getMessage(), io.filestore.api.model.FileState.fromValue(e.state().name()));
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The presigner made an invalid URL", e);
    }
  }
}
