package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.adapters.s3.S3ObjectStore;
import io.filestore.domain.ObjectKeys;
import io.filestore.domain.UploadTicket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3 itself refuses any upload that differs from its ticket; nothing reaches the functions then. */
@ExtendWith(LocalAws.class)
class RefusedUploadTest {
  private static final byte[] BODY = "the quick brown fox".getBytes(StandardCharsets.UTF_8);

  private final Functions f = Functions.deploy();

  private JsonNode create(String extra) {
    Api.Response r = f.api.post("/files", "{\"name\":\"fox.txt\",\"contentType\":\"text/plain\",\"size\":" + BODY.length + extra + "}");
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private void assertStillPending(JsonNode created) throws InterruptedException {
    f.space.assertNoEvent();
    assertEquals("PENDING", f.api.get("/files/" + created.path("file").path("id").asText()).json().path("state").asText());
  }

  @Test
  void wrongContentType() throws Exception {
    JsonNode created = create("");
    HttpResponse<String> put = Http.upload(created.path("upload"), BODY, r -> r.setHeader("Content-Type", "text/html"));
    assertEquals(403, put.statusCode());
    assertTrue(put.body().contains("SignatureDoesNotMatch"), put.body());
    assertStillPending(created);
  }

  @Test
  void wrongLength() throws Exception {
    JsonNode created = create("");
    HttpResponse<String> put = Http.upload(created.path("upload"), "the quick brown fox!".getBytes(StandardCharsets.UTF_8));
    assertEquals(403, put.statusCode(), put.body());
    assertStillPending(created);
  }

  @Test
  void wrongChecksum() throws Exception {
    String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(BODY));
    JsonNode created = create(",\"checksumSha256\":\"" + sha + "\"");
    byte[] sameLengthOtherBytes = "the quick brown cat".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = Http.upload(created.path("upload"), sameLengthOtherBytes);
    assertEquals(400, put.statusCode(), put.body());
    assertTrue(put.body().contains("BadDigest"), put.body());
    assertStillPending(created);
    assertEquals(200, Http.upload(created.path("upload"), BODY).statusCode(), "the right bytes still pass");
  }

  @Test
  void alteredOrMissingMetadata() throws Exception {
    JsonNode created = create(",\"metadata\":{\"title\":\"Fox\"}");
    assertEquals(403, Http.upload(created.path("upload"), BODY, r -> r.setHeader("x-amz-meta-title", "Wolf")).statusCode());
    JsonNode ticket = created.path("upload").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) ticket.path("headers")).remove("x-amz-meta-title");
    assertEquals(403, Http.upload(ticket, BODY).statusCode());
    assertStillPending(created);
  }

  @Test
  void tamperedUrl() throws Exception {
    JsonNode created = create("");
    JsonNode other = create("");
    String url = created.path("upload").path("url").asText();
    String otherId = other.path("file").path("id").asText();
    JsonNode ticket = created.path("upload").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) ticket).put("url",
        url.replace(created.path("file").path("id").asText(), otherId));
    assertEquals(403, Http.upload(ticket, BODY).statusCode(), "a ticket is for one key only");
    String signature = url.substring(url.indexOf("X-Amz-Signature=") + 16);
    String flipped = (signature.charAt(0) == 'a' ? 'b' : 'a') + signature.substring(1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) ticket).put("url", url.replace(signature, flipped));
    assertEquals(403, Http.upload(ticket, BODY).statusCode());
    assertStillPending(created);
  }

  @Test
  void expiredTicket() throws Exception {
    S3ObjectStore store = new S3ObjectStore(this::presigner, software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create(), f.space.bucket());
    UploadTicket ticket = store.presignUpload(ObjectKeys.keyOf("0123456789abcdef0123456789abcdef"), "text/plain",
        BODY.length, Map.of(), null, Duration.ofSeconds(1));
    Thread.sleep(2100);
    Map<String, String> headers = new java.util.HashMap<>(ticket.headers());
    headers.remove("Content-Length");
    HttpResponse<String> put = Http.put(ticket.url().toString(), headers, BODY);
    assertEquals(403, put.statusCode(), put.body());
    assertTrue(put.body().contains("expired"), put.body());
  }

  @Test
  void aTicketCannotOverwriteOrResurrect() throws Exception {
    JsonNode created = create("");
    String id = created.path("file").path("id").asText();
    assertEquals(200, Http.upload(created.path("upload"), BODY).statusCode());
    assertEquals("UPLOADED", f.deliverNext().path("results").path(0).path("outcome").asText());
    assertEquals(200, f.api.post("/files/" + id + "/store", null).status());

    HttpResponse<String> replay = Http.upload(created.path("upload"), "THE QUICK BROWN FOX".getBytes(StandardCharsets.UTF_8));
    assertEquals(412, replay.statusCode(), "If-None-Match: * refuses to replace the stored object");
    f.space.assertNoEvent();

    assertEquals(204, f.api.delete("/files/" + id).status());
    f.deliverNext();
    HttpResponse<String> resurrect = Http.upload(created.path("upload"), BODY);
    assertEquals(200, resurrect.statusCode(), "the object is gone, so S3 accepts the still-valid ticket");
    assertEquals("OBJECT_DELETED", f.deliverNext().path("results").path(0).path("outcome").asText());
    assertTrue(LocalAws.s3().listObjectsV2(b -> b.bucket(f.space.bucket())).contents().isEmpty(),
        "the late upload was deleted again");
    assertEquals("DELETED", f.api.get("/files/" + id).json().path("state").asText());
  }

  private S3Presigner presigner() {
    return S3Presigner.builder().region(Region.US_EAST_1)
        .endpointOverride(java.net.URI.create(f.space.env().get("AWS_ENDPOINT_URL_S3")))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            io.filestore.emulators.Emulators.ACCESS_KEY, io.filestore.emulators.Emulators.SECRET_KEY)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
  }
}
