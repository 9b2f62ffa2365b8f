package io.filestore.functions;

import static io.filestore.functions.DomainCalls.call;
import static io.filestore.functions.DomainCalls.time;
import static io.filestore.functions.DomainCalls.uri;

import io.filestore.api.FilesApi;
import io.filestore.api.model.CreateFileRequest;
import io.filestore.api.model.Disposition;
import io.filestore.api.model.DownloadLink;
import io.filestore.api.model.FileInfo;
import io.filestore.api.model.FileList;
import io.filestore.api.model.LiveFileState;
import io.filestore.api.model.UploadStarted;
import io.filestore.api.model.UploadTicket;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileService;
import io.filestore.domain.FileState;
import io.filestore.domain.NewFile;
import io.filestore.domain.Page;

/**
 * The generated {@link FilesApi}, for one caller: converts between the API's DTOs and the domain. One
 * instance per request, because the caller is per request.
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
    return call(() -> started(files.create(caller, new NewFile(request.getName(), request.getContentType(),
        request.getSize(), request.getMetadata(), request.getChecksumSha256()))));
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
    return call(() -> list(files.list(caller, state(state), limit, cursor)));
  }

  @Override
  public void deleteFile(String id) {
    DomainCalls.run(() -> files.delete(caller, id));
  }

  static UploadStarted started(io.filestore.domain.UploadStarted started) {
    var ticket = started.ticket();
    UploadTicket upload = new UploadTicket(UploadTicket.MethodEnum.PUT, uri(ticket.url().toString()),
        ticket.headers(), time(ticket.expiresAt()));
    return new UploadStarted(info(started.file()), upload);
  }

  static FileList list(Page<FileRecord> page) {
    return new FileList(page.items().stream().map(FilesResource::info).toList()).nextCursor(page.nextCursor());
  }

  static FileState state(LiveFileState state) {
    return state == null ? null : FileState.valueOf(state.toString());
  }

  static FileInfo info(FileRecord r) {
    FileInfo info = new FileInfo(r.id(), r.name(), r.contentType(), r.size(),
        io.filestore.api.model.FileState.fromValue(r.state().name()), r.metadata(), r.owner(), time(r.createdAt()),
        time(r.updatedAt()));
    return info.collectionId(r.collectionId()).checksumSha256(r.checksumSha256()).uploadedAt(time(r.uploadedAt()))
        .storedAt(time(r.storedAt())).expiresAt(time(r.expiresAt())).deletedAt(time(r.deletedAt()));
  }
}
