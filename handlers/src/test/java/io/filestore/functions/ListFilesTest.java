package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A caller's files, newest first, page by page through an index; never another caller's. */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListFilesTest {
  private Functions f;
  private final List<String> created = new ArrayList<>();
  private final Set<String> uploaded = new HashSet<>();
  private String deleted;

  @BeforeAll
  void files() {
    f = Functions.deploy();
    for (int i = 0; i < 25; i++) {
      JsonNode r = f.api.post("/files", "{\"name\":\"f" + i + ".txt\",\"contentType\":\"text/plain\",\"size\":3}").json();
      created.add(r.path("file").path("id").asText());
      if (i % 8 == 0) {
        assertEquals(200, Http.upload(r.path("upload"), "abc".getBytes(StandardCharsets.UTF_8)).statusCode());
        f.deliverNext();
        uploaded.add(r.path("file").path("id").asText());
      }
    }
    deleted = created.get(3);
    assertEquals(204, f.api.delete("/files/" + deleted).status());
    f.api.as(Functions.OTHER_KEY).post("/files", "{\"name\":\"bob.txt\",\"contentType\":\"text/plain\",\"size\":3}");
  }

  private List<JsonNode> all(Api api, Map<String, String> query) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> q = new HashMap<>(query);
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      Api.Response page = api.get("/files", q);
      assertEquals(200, page.status(), page::toString);
      page.json().path("items").forEach(items::add);
      cursor = page.json().path("nextCursor").asText(null);
      assertTrue(++pages < 20, "pagination ends");
    } while (cursor != null);
    return items;
  }

  @Test
  void newestFirstAcrossPages() {
    Api.Response first = f.api.get("/files", Map.of("limit", "10"));
    assertEquals(10, first.json().path("items").size());
    assertTrue(first.json().hasNonNull("nextCursor"));

    List<JsonNode> items = all(f.api, Map.of("limit", "10"));
    assertEquals(24, items.size(), "every live file once; the deleted one is gone");
    Set<String> ids = new HashSet<>();
    items.forEach(i -> ids.add(i.path("id").asText()));
    assertEquals(24, ids.size(), "no duplicates across pages");
    assertFalse(ids.contains(deleted));
    for (int i = 1; i < items.size(); i++) {
      String newer = items.get(i - 1).path("createdAt").asText();
      String older = items.get(i).path("createdAt").asText();
      assertFalse(Instant.parse(newer).isBefore(Instant.parse(older)), "newest first");
      assertTrue(newer.compareTo(older) >= 0, "fixed-width times sort as strings too");
    }
    // Two files made in the same millisecond tie on time and are ordered by id, so compare times here.
    JsonNode last = items.stream().filter(i -> i.path("id").asText().equals(created.get(24))).findFirst().orElseThrow();
    assertEquals(items.get(0).path("createdAt"), last.path("createdAt"), "the last file made is among the newest");
  }

  @Test
  void defaultPageAndLastPageHasNoCursor() {
    Api.Response page = f.api.get("/files");
    assertEquals(20, page.json().path("items").size());
    Api.Response big = f.api.get("/files", Map.of("limit", "100"));
    assertEquals(24, big.json().path("items").size());
    assertFalse(big.json().has("nextCursor"));
  }

  @Test
  void stateFilter() {
    List<JsonNode> up = all(f.api, Map.of("state", "UPLOADED", "limit", "2"));
    Set<String> ids = new HashSet<>();
    up.forEach(i -> ids.add(i.path("id").asText()));
    assertEquals(uploaded, ids);
    assertEquals(24 - uploaded.size(), all(f.api, Map.of("state", "PENDING")).size());
    assertEquals(0, all(f.api, Map.of("state", "STORED")).size());
  }

  @Test
  void callersSeeOnlyTheirOwn() {
    List<JsonNode> bobs = all(f.api.as(Functions.OTHER_KEY), Map.of());
    assertEquals(1, bobs.size());
    assertEquals("bob.txt", bobs.get(0).path("name").asText());
    String aliceCursor = f.api.get("/files", Map.of("limit", "5")).json().path("nextCursor").asText();
    Api.Response withAlicesCursor = f.api.as(Functions.OTHER_KEY).get("/files", Map.of("cursor", aliceCursor));
    assertEquals(200, withAlicesCursor.status());
    withAlicesCursor.json().path("items").forEach(i -> assertEquals("bob.txt", i.path("name").asText(),
        "a cursor is a position, never another caller's listing"));
  }
}
