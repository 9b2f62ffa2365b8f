package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.domain.ObjectKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole life of a file, with real HTTP transfers to the S3 emulator and real S3 notifications. */
@ExtendWith(LocalAws.class)
class UploadFlowTest {

  @Test
  void createUploadStoreDownloadDelete() throws Exception {
    Functions f = Functions.deploy();
    byte[] bytes = new byte[200_000];
    new Random(42).nextBytes(bytes);
    String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));

    Api.Response created = f.api.post("/files", """
        {"name": "Été à la plage \\"final\\".jpg", "contentType": "image/jpeg", "size": %d,
         "metadata": {"title": "Sunset", "description": "Vue depuis la jetée"}, "checksumSha256": "%s"}
        """.formatted(bytes.length, sha));
    assertEquals(201, created.status(), created::toString);
    assertEquals("application/json", created.headers().get("Content-Type"));
    assertEquals("*", created.headers().get("Access-Control-Allow-Origin"));
    JsonNode file = created.json().path("file");
    String id = file.path("id").asText();
    assertTrue(ObjectKeys.isValidId(id), id);
    assertEquals("PENDING", file.path("state").asText());
    assertEquals("Sunset", file.path("metadata").path("title").asText());
    assertTrue(file.hasNonNull("expiresAt"));
    JsonNode ticket = created.json().path("upload");
    assertEquals("PUT", ticket.path("method").asText());
    assertEquals("image/jpeg", ticket.path("headers").path("Content-Type").asText());
    assertEquals(String.valueOf(bytes.length), ticket.path("headers").path("Content-Length").asText());
    assertEquals("*", ticket.path("headers").path("If-None-Match").asText());
    assertEquals(sha, ticket.path("headers").path("x-amz-checksum-sha256").asText());
    assertTrue(ticket.path("headers").path("x-amz-meta-description").asText().startsWith("=?UTF-8?B?"),
        "non-ASCII metadata is sent as an RFC 2047 encoded word");

    HttpResponse<String> put = Http.upload(ticket, bytes);
    assertEquals(200, put.statusCode(), put.body());

    JsonNode report = f.deliverNext();
    assertEquals("UPLOADED", report.path("results").path(0).path("outcome").asText(), report.toString());
    assertEquals(id, report.path("results").path(0).path("fileId").asText());

    JsonNode uploaded = f.api.get("/files/" + id).json();
    assertEquals("UPLOADED", uploaded.path("state").asText());
    assertEquals(bytes.length, uploaded.path("size").asLong());
    assertTrue(uploaded.hasNonNull("uploadedAt"));

    Api.Response stored = f.api.post("/files/" + id + "/store", null);
    assertEquals(200, stored.status(), stored::toString);
    assertEquals("STORED", stored.json().path("state").asText());
    assertFalse(stored.json().has("expiresAt"), "a stored file no longer expires");

    Api.Response link = f.api.get("/files/" + id + "/download", java.util.Map.of("ttl", "60"));
    assertEquals(200, link.status(), link::toString);
    HttpResponse<byte[]> download = Http.get(link.json().path("url").asText());
    assertEquals(200, download.statusCode());
    assertArrayEquals(bytes, download.body());
    assertEquals("image/jpeg", download.headers().firstValue("Content-Type").orElse(null));
    String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
    assertEquals("attachment; filename=\"_t_ _ la plage _final_.jpg\"; "
        + "filename*=UTF-8''%C3%89t%C3%A9%20%C3%A0%20la%20plage%20%22final%22.jpg", disposition);

    Api.Response deleted = f.api.delete("/files/" + id);
    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals("DELETED", f.api.get("/files/" + id).json().path("state").asText());
    assertEquals(404, Http.get(link.json().path("url").asText()).statusCode(), "the object is gone");
    JsonNode removal = f.deliverNext();
    assertEquals("ObjectRemoved:Delete", removal.path("results").path(0).path("eventName").asText());
    assertEquals("DUPLICATE", removal.path("results").path(0).path("outcome").asText(), "already deleted by the API");
    assertEquals(204, f.api.delete("/files/" + id).status(), "deleting again succeeds");
    assertNotNull(f.api.get("/files/" + id).json().path("deletedAt").asText(null));
  }

  @Test
  void storeOnLoadStoresAsSoonAsTheObjectLands() {
    Functions f = Functions.deploy(Functions.settings("STORE_ON_LOAD", "true"));
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    JsonNode created = f.api.post("/files", "{\"name\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":5}").json();
    assertEquals(200, Http.upload(created.path("upload"), bytes).statusCode());
    assertEquals("STORED", f.deliverNext().path("results").path(0).path("outcome").asText());
    JsonNode info = f.api.get("/files/" + created.path("file").path("id").asText()).json();
    assertEquals("STORED", info.path("state").asText());
    assertTrue(info.hasNonNull("storedAt"));
  }
}
