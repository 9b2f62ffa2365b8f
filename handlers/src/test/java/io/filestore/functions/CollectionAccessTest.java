package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The members-only rules, as a table: every role (and a non-member) against every operation on a
 * collection and its files, through the API function against the emulators. Users come through the
 * authorizer's claims, as with the user-pool authorizer on.
 */
@ExtendWith(LocalAws.class)
class CollectionAccessTest {
  private static Functions f;
  private static Api owner;
  private static Api contributor;
  private static Api viewer;
  private static Api stranger;
  private static String cid;

  @BeforeAll
  static void collectionWithOneMemberOfEachRole() {
    f = Functions.deploy();
    owner = f.api.asUser("olivia");
    contributor = f.api.asUser("carl");
    viewer = f.api.asUser("vera");
    stranger = f.api.asUser("sam");
    Api.Response created = owner.post("/collections", """
        {"name": "Summer party", "policy": {"allowedContentTypes": ["image/png", "image/jpeg"], "maxSize": 1000}}""");
    assertEquals(201, created.status(), created::toString);
    cid = created.json().path("id").asText();
    assertEquals(200, owner.put(members(contributor), "{\"role\":\"contributor\"}").status());
    assertEquals(200, owner.put(members(viewer), "{\"role\":\"viewer\"}").status());
  }

  private static String members(Api who) {
    return "/collections/" + cid + "/members/" + who.principal();
  }

  /** A new UPLOADED file in the collection, uploaded by {@code uploader}. */
  private static String uploadedBy(Api uploader) {
    Api.Response started = uploader.post("/collections/" + cid + "/files",
        "{\"name\":\"p.png\",\"contentType\":\"image/png\",\"size\":3,\"title\":\"A photo\"}");
    assertEquals(201, started.status(), started::toString);
    assertEquals(200, Http.upload(started.json().path("upload"), new byte[] {1, 2, 3}).statusCode());
    String id = started.json().path("file").path("id").asText();
    // Deliver what S3 sent before (removals of files deleted earlier) up to this upload's creation.
    for (int i = 0; i < 20; i++) {
      JsonNode result = f.deliverNext().path("results").path(0);
      if (result.path("fileId").asText().equals(id) && result.path("eventName").asText().startsWith("ObjectCreated")) {
        assertEquals("UPLOADED", result.path("outcome").asText());
        return id;
      }
    }
    throw new AssertionError("no creation event for " + id);
  }

  private record Operation(String name, Function<Api, Api.Response> call) {}

  /** Each operation, given who calls it; file operations get a fresh file of the owner's, or the contributor's. */
  private static List<Operation> operations(Api fileUploader) {
    List<Operation> ops = new ArrayList<>();
    ops.add(new Operation("get collection", a -> a.get("/collections/" + cid)));
    ops.add(new Operation("list files", a -> a.get("/collections/" + cid + "/files")));
    ops.add(new Operation("upload", a -> a.post("/collections/" + cid + "/files",
        "{\"name\":\"x.png\",\"contentType\":\"image/png\",\"size\":1}")));
    ops.add(new Operation("add member", a -> a.put("/collections/" + cid + "/members/user:newcomer", "{\"role\":\"viewer\"}")));
    ops.add(new Operation("remove member", a -> a.delete("/collections/" + cid + "/members/user:newcomer")));
    ops.add(new Operation("get file", a -> a.get("/files/" + uploadedBy(fileUploader))));
    ops.add(new Operation("download", a -> a.get("/files/" + uploadedBy(fileUploader) + "/download")));
    ops.add(new Operation("store", a -> a.post("/files/" + uploadedBy(fileUploader) + "/store", null)));
    ops.add(new Operation("delete", a -> a.delete("/files/" + uploadedBy(fileUploader))));
    return ops;
  }

  private static Map<String, Integer> statuses(Api caller, Api fileUploader) {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (Operation op : operations(fileUploader)) {
      Api.Response r = op.call().apply(caller);
      statuses.put(op.name(), r.status());
      if (r.status() == 403) {
        assertEquals("role-required", r.problemType(), op.name() + ": " + r);
      }
      if (r.status() == 404) {
        assertEquals("not-found", r.problemType(), op.name() + ": " + r);
      }
    }
    return statuses;
  }

  private static Map<String, Integer> expected(int get, int list, int upload, int addMember, int removeMember, int getFile,
      int download, int store, int delete) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("get collection", get);
    m.put("list files", list);
    m.put("upload", upload);
    m.put("add member", addMember);
    m.put("remove member", removeMember);
    m.put("get file", getFile);
    m.put("download", download);
    m.put("store", store);
    m.put("delete", delete);
    return m;
  }

  @Test
  void theOwnerMayDoEverything() {
    assertEquals(expected(200, 200, 201, 200, 204, 200, 200, 200, 204), statuses(owner, contributor));
  }

  @Test
  void aContributorReadsUploadsAndChangesOnlyTheirOwnFiles() {
    assertEquals(expected(200, 200, 201, 403, 403, 200, 200, 200, 204), statuses(contributor, contributor));
    Map<String, Integer> onOthersFiles = statuses(contributor, owner);
    assertEquals(403, onOthersFiles.get("store"), "a contributor may not store another member's file");
    assertEquals(403, onOthersFiles.get("delete"), "a contributor may not delete another member's file");
    assertEquals(200, onOthersFiles.get("get file"));
  }

  @Test
  void aViewerOnlyReads() {
    assertEquals(expected(200, 200, 403, 403, 403, 200, 200, 403, 403), statuses(viewer, owner));
  }

  @Test
  void aNonMemberCannotLearnThatAnythingExists() {
    assertEquals(expected(404, 404, 404, 404, 404, 404, 404, 404, 404), statuses(stranger, owner));
    String id = uploadedBy(owner);
    Api.Response unknown = stranger.get("/files/0123456789abcdef0123456789abcdef");
    Api.Response hidden = stranger.get("/files/" + id);
    assertEquals(unknown.status(), hidden.status());
    assertEquals(unknown.json().path("type"), hidden.json().path("type"));
    assertEquals(unknown.json().path("title"), hidden.json().path("title"));
    Api.Response unknownCollection = stranger.get("/collections/0123456789abcdef0123456789abcdef");
    assertEquals(404, unknownCollection.status());
    assertEquals(unknownCollection.json().path("title"), stranger.get("/collections/" + cid).json().path("title"));
  }

  @Test
  void aRemovedMemberLosesAccessButTheirFilesStay() {
    Api temp = f.api.asUser("tim");
    assertEquals(200, owner.put(members(temp), "{\"role\":\"contributor\"}").status());
    String id = uploadedBy(temp);
    assertEquals(204, owner.delete(members(temp)).status());
    assertEquals(404, temp.get("/files/" + id).status());
    assertEquals(404, temp.get("/collections/" + cid).status());
    assertEquals(200, owner.get("/files/" + id).status());
    assertEquals("user:tim", owner.get("/files/" + id).json().path("createdBy").asText());
    assertEquals(204, owner.delete(members(temp)).status(), "removing a non-member succeeds again");
  }

  @Test
  void anyMemberMayLeave() {
    Api leaver = f.api.asUser("lea");
    assertEquals(200, owner.put(members(leaver), "{\"role\":\"viewer\"}").status());
    assertEquals(403, leaver.delete(members(contributor)).status(), "a viewer removes no one else");
    assertEquals(204, leaver.delete(members(leaver)).status());
    assertEquals(404, leaver.get("/collections/" + cid).status());
    assertEquals(404, leaver.delete(members(leaver)).status(), "once gone, the collection is not theirs to see");
    Api.Response contributorOnCreator = contributor.delete(members(owner));
    assertEquals(403, contributorOnCreator.status(), "the role is checked before the creator rule");
  }

  @Test
  void theCreatorStaysAnOwner() {
    Api coOwner = f.api.asUser("otto");
    assertEquals(200, owner.put(members(coOwner), "{\"role\":\"owner\"}").status());
    Api.Response demote = coOwner.put(members(owner), "{\"role\":\"viewer\"}");
    assertEquals(409, demote.status(), demote::toString);
    assertEquals("creator-is-owner", demote.problemType());
    assertEquals(409, coOwner.delete(members(owner)).status());
    assertEquals(409, owner.delete(members(owner)).status());
    assertEquals(200, coOwner.put(members(owner), "{\"role\":\"owner\"}").status(), "making the creator an owner again is no change");
    assertEquals("owner", owner.get("/collections/" + cid).json().path("role").asText());
    // A co-owner may step down; afterwards they are a viewer and manage nothing.
    assertEquals(200, coOwner.put(members(coOwner), "{\"role\":\"viewer\"}").status());
    assertEquals(403, coOwner.put(members(contributor), "{\"role\":\"viewer\"}").status());
    assertEquals("contributor", contributor.get("/collections/" + cid).json().path("role").asText());
  }

  @Test
  void aCollectionFileIsNotInTheUploadersOwnListing() {
    String id = uploadedBy(contributor);
    JsonNode own = contributor.get("/files").json().path("items");
    own.forEach(file -> assertFalse(file.path("id").asText().equals(id)));
    JsonNode info = contributor.get("/files/" + id).json();
    assertEquals(cid, info.path("collectionId").asText());
    assertEquals("user:carl", info.path("createdBy").asText());
  }

  @Test
  void membersSeeTheirRoleAndTheEffectivePolicy() {
    JsonNode c = viewer.get("/collections/" + cid).json();
    assertEquals("viewer", c.path("role").asText());
    assertEquals("Summer party", c.path("name").asText());
    assertEquals("user:olivia", c.path("createdBy").asText());
    assertEquals(List.of("image/png", "image/jpeg"), strings(c.path("policy").path("allowedContentTypes")));
    assertEquals(1000, c.path("policy").path("maxSize").asLong());
    JsonNode mine = viewer.get("/collections").json().path("items");
    assertTrue(strings(mine).toString().contains(cid), mine.toString());
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isObject() ? v.path("id").asText() : v.asText()));
    return values;
  }
}
