package io.filestore.functions;

import static io.filestore.functions.DomainCalls.call;
import static io.filestore.functions.DomainCalls.time;

import io.filestore.api.CollectionsApi;
import io.filestore.api.model.Collection;
import io.filestore.api.model.CollectionList;
import io.filestore.api.model.CreateCollectionFileRequest;
import io.filestore.api.model.CreateCollectionRequest;
import io.filestore.api.model.FileList;
import io.filestore.api.model.LiveFileState;
import io.filestore.api.model.Member;
import io.filestore.api.model.PutMemberRequest;
import io.filestore.api.model.Role;
import io.filestore.api.model.UploadPolicy;
import io.filestore.api.model.UploadStarted;
import io.filestore.domain.CollectionAccess;
import io.filestore.domain.CollectionService;
import io.filestore.domain.FilePolicy;
import io.filestore.domain.FileService;
import io.filestore.domain.Membership;
import io.filestore.domain.NewCollection;
import io.filestore.domain.NewCollectionFile;
import io.filestore.domain.NewFile;

/** The generated {@link CollectionsApi}, for one caller: converts between the API's DTOs and the domain. */
final class CollectionsResource implements CollectionsApi {
  private final CollectionService collections;
  private final FileService files;
  private final String caller;

  CollectionsResource(CollectionService collections, FileService files, String caller) {
    this.collections = collections;
    this.files = files;
    this.caller = caller;
  }

  @Override
  public Collection createCollection(CreateCollectionRequest request) {
    UploadPolicy policy = request.getPolicy();
    return call(() -> collection(collections.create(caller, new NewCollection(request.getName(),
        policy == null ? null : policy.getAllowedContentTypes(), policy == null ? null : policy.getMaxSize(),
        request.getDefaultMetadata()))));
  }

  @Override
  public CollectionList listCollections(Integer limit, String cursor) {
    return call(() -> {
      var page = collections.list(caller, limit, cursor);
      return new CollectionList(page.items().stream().map(this::collection).toList()).nextCursor(page.nextCursor());
    });
  }

  @Override
  public Collection getCollection(String cid) {
    return call(() -> collection(collections.get(caller, cid)));
  }

  @Override
  public Member putMember(String cid, String principal, PutMemberRequest request) {
    return call(() -> member(collections.putMember(caller, cid, principal,
        io.filestore.domain.Role.fromWireName(request.getRole().toString()))));
  }

  @Override
  public void removeMember(String cid, String principal) {
    DomainCalls.run(() -> collections.removeMember(caller, cid, principal));
  }

  @Override
  public UploadStarted createCollectionFile(String cid, CreateCollectionFileRequest request) {
    return call(() -> FilesResource.started(files.createInCollection(caller, cid, new NewCollectionFile(
        new NewFile(request.getName(), request.getContentType(), request.getSize(), request.getMetadata(),
            request.getChecksumSha256()), request.getTitle(), request.getDescription()))));
  }

  @Override
  public FileList listCollectionFiles(String cid, LiveFileState state, Integer limit, String cursor) {
    return call(() -> FilesResource.list(files.listInCollection(caller, cid, FilesResource.state(state), limit, cursor)));
  }

  private Collection collection(CollectionAccess access) {
    var c = access.collection();
    FilePolicy effective = collections.effectivePolicy(c);
    UploadPolicy policy = new UploadPolicy().allowedContentTypes(effective.allowedContentTypes()).maxSize(effective.maxSize());
    return new Collection(c.id(), c.name(), policy, c.defaultMetadata(), c.createdBy(), time(c.createdAt()),
        Role.fromValue(access.role().wireName()));
  }

  private static Member member(Membership m) {
    return new Member(m.collectionId(), m.principal(), Role.fromValue(m.role().wireName()), time(m.addedAt()), m.addedBy());
  }
}
