package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.filestore.domain.ObjectKeys;
import io.filestore.emulators.S3Notifications;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * S3 delivers at least once, in any order, in batches, with URL-encoded keys. The functions apply each
 * change once, drop stale events, and never create a record for a key they do not know.
 */
@ExtendWith(LocalAws.class)
class ObjectEventsTest {
  private final Functions f = Functions.deploy();

  private JsonNode uploaded(String name) {
    JsonNode created = f.api.post("/files", "{\"name\":\"" + name + "\",\"contentType\":\"text/plain\",\"size\":3}").json();
    assertEquals(200, Http.upload(created.path("upload"), "abc".getBytes(StandardCharsets.UTF_8)).statusCode());
    return created.path("file");
  }

  private static String outcome(JsonNode report, int i) {
    return report.path("results").path(i).path("outcome").asText();
  }

  private String state(String id) {
    return f.api.get("/files/" + id).json().path("state").asText();
  }

  @Test
  void duplicateDeliveryIsAppliedOnce() {
    String id = uploaded("dup.txt").path("id").asText();
    String event = f.space.nextEvent();
    assertEquals("UPLOADED", outcome(f.deliver(event), 0));
    String updatedAt = f.api.get("/files/" + id).json().path("updatedAt").asText();
    assertEquals("DUPLICATE", outcome(f.deliver(event), 0));
    assertEquals(updatedAt, f.api.get("/files/" + id).json().path("updatedAt").asText(), "nothing rewritten");
  }

  @Test
  void removalBeforeCreationWins() {
    String id = uploaded("late.txt").path("id").asText();
    S3Notifications.Record created = f.space.nextRecord();
    LocalAws.s3().deleteObject(b -> b.bucket(f.space.bucket()).key(ObjectKeys.keyOf(id)));
    S3Notifications.Record removed = f.space.nextRecord();
    assertEquals("DELETED", outcome(f.deliver(LocalAws.notifications().toJson(removed)), 0));
    assertEquals("STALE", outcome(f.deliver(LocalAws.notifications().toJson(created)), 0), "the older creation is dropped");
    assertEquals("DELETED", state(id));
  }

  @Test
  void creationAfterItsObjectIsGoneDoesNotMarkUploaded() {
    String id = uploaded("gone.txt").path("id").asText();
    S3Notifications.Record created = f.space.nextRecord();
    LocalAws.s3().deleteObject(b -> b.bucket(f.space.bucket()).key(ObjectKeys.keyOf(id)));
    assertEquals("OBJECT_GONE", outcome(f.deliver(LocalAws.notifications().toJson(created)), 0));
    assertEquals("PENDING", state(id));
    assertEquals("DELETED", outcome(f.deliverNext(), 0));
  }

  @Test
  void aBatchOfRecords() {
    String a = uploaded("a.txt").path("id").asText();
    String b = uploaded("b.txt").path("id").asText();
    S3Notifications.Record first = f.space.nextRecord();
    S3Notifications.Record second = f.space.nextRecord();
    S3Notifications.Record unknown = LocalAws.notifications().created("ObjectCreated:Put", f.space.bucket(),
        "uploads/holiday photos/été 2026.jpg", 10, "abc");
    JsonNode report = f.deliver(LocalAws.notifications().toJson(first, unknown, second));
    assertEquals(3, report.path("processed").asInt());
    assertEquals("UPLOADED", outcome(report, 0));
    assertEquals("UNKNOWN_KEY", outcome(report, 1));
    assertEquals("uploads/holiday photos/été 2026.jpg", report.path("results").path(1).path("key").asText(),
        "the key is URL-decoded");
    assertEquals("UPLOADED", outcome(report, 2));
    assertEquals("UPLOADED", state(a));
    assertEquals("UPLOADED", state(b));
  }

  @Test
  void unknownKeysNeverCreateRecords() {
    String unknownId = "fedcba9876543210fedcba9876543210";
    for (String key : new String[] {ObjectKeys.keyOf(unknownId), "elsewhere/" + unknownId, "uploads/" + unknownId + "/x"}) {
      JsonNode created = f.deliver(LocalAws.notifications().toJson(
          LocalAws.notifications().created("ObjectCreated:Put", f.space.bucket(), key, 3, "abc")));
      assertEquals("UNKNOWN_KEY", outcome(created, 0));
      JsonNode removed = f.deliver(LocalAws.notifications().toJson(
          LocalAws.notifications().removed("ObjectRemoved:Delete", f.space.bucket(), key)));
      assertEquals("UNKNOWN_KEY", outcome(removed, 0));
    }
    Map<String, AttributeValue> item = LocalAws.dynamo().getItem(b -> b.tableName(f.space.table())
        .key(Map.of("pk", AttributeValue.fromS("FILE#" + unknownId), "sk", AttributeValue.fromS("FILE")))).item();
    assertTrue(item == null || item.isEmpty(), "no phantom record");
    assertEquals(0, LocalAws.dynamo().scan(b -> b.tableName(f.space.table())).count(), "the table stays empty");
  }

  @Test
  void anotherBucketIsIgnored() {
    String id = uploaded("c.txt").path("id").asText();
    f.space.nextRecord();
    JsonNode report = f.deliver(LocalAws.notifications().toJson(
        LocalAws.notifications().created("ObjectCreated:Put", "someone-elses-bucket", ObjectKeys.keyOf(id), 3, "abc")));
    assertEquals("FOREIGN_BUCKET", outcome(report, 0));
    assertEquals("PENDING", state(id));
  }

  @Test
  void theAwsSampleEventsReadThroughTheRuntimeSerializer() throws IOException {
    String id = uploaded("sample.txt").path("id").asText();
    f.space.nextRecord();
    String put = fixture("s3-put.json").replace("BUCKET", f.space.bucket()).replace("KEY", ObjectKeys.keyOf(id));
    JsonNode report = f.deliver(put);
    assertEquals("UPLOADED", outcome(report, 0), report::toString);
    assertEquals(3, f.api.get("/files/" + id).json().path("size").asInt(), "the size comes from HeadObject, not the event");
    String delete = fixture("s3-delete.json").replace("BUCKET", f.space.bucket()).replace("KEY", ObjectKeys.keyOf(id));
    assertEquals("DELETED", outcome(f.deliver(delete), 0), "removed out of band: the file is gone");
    assertEquals("DELETED", state(id));
  }

  @Test
  void anEventOfTheOtherKindIsIgnored() {
    JsonNode report = Functions.read(Lambda.invoke(f.removed, S3Event.class, EventReport.class,
        LocalAws.notifications().toJson(LocalAws.notifications().created("ObjectCreated:Put", f.space.bucket(),
            ObjectKeys.keyOf("0123456789abcdef0123456789abcdef"), 1, "x"))));
    assertEquals("IGNORED", outcome(report, 0));
  }

  @Test
  void malformedEventsAreRejectedByName() {
    InvalidEventException empty = assertThrows(InvalidEventException.class,
        () -> Lambda.invoke(f.created, S3Event.class, EventReport.class, "{\"Records\":[]}"));
    assertTrue(empty.getMessage().contains("Records"));
    // A record without s3.object never reaches the function: the runtime's serializer refuses it first.
    RuntimeException shapeless = assertThrows(RuntimeException.class, () -> Lambda.invoke(f.created, S3Event.class,
        EventReport.class, "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"}}}]}"));
    assertTrue(shapeless.getClass().getName().contains("serialization"), shapeless::toString);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ObjectEventsTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
