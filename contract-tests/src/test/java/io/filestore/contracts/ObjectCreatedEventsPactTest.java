package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.consumer.MessagePactBuilder;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filestore.domain.FileState;
import io.filestore.functions.EventReport;
import io.filestore.functions.Lambda;
import io.filestore.functions.LocalAws;
import io.filestore.functions.ObjectCreatedFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The object-created function as a consumer of S3's ObjectCreated notifications: each message, read by
 * the Lambda serializer, goes into the real function running against the emulators.
 */
@ExtendWith({LocalAws.class, PactConsumerTestExt.class})
@PactTestFor(providerName = Pacticipants.S3, providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class ObjectCreatedEventsPactTest {
  static final String BUCKET = "filestore-uploads-created";
  static final String PUT_ID = "3f8a1c9e0b7d4e2fa6c5d1e0f9b8a7c6";
  static final String MULTIPART_ID = "0b7d4e2fa6c5d1e0f9b8a7c63f8a1c9e";
  static final String FIRST_ID = "a6c5d1e0f9b8a7c63f8a1c9e0b7d4e2f";
  static final String SECOND_ID = "f9b8a7c63f8a1c9e0b7d4e2fa6c5d1e0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws.Space space;
  private static Seeds seeds;

  @BeforeAll
  static void space() {
    space = LocalAws.newSpace(BUCKET, Map.of());
    seeds = new Seeds(space);
  }

  @Pact(consumer = Pacticipants.OBJECT_CREATED)
  V4Pact put(MessagePactBuilder builder) {
    return builder.expectsToReceive("an ObjectCreated:Put of an uploaded file")
        .withContent(S3EventBodies.oneRecord("ObjectCreated:Put", BUCKET, S3EventBodies.FILE_KEY, "uploads/" + PUT_ID, 1024L))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.OBJECT_CREATED)
  V4Pact multipart(MessagePactBuilder builder) {
    return builder.expectsToReceive("an ObjectCreated:CompleteMultipartUpload of an uploaded file")
        .withContent(S3EventBodies.oneRecord("ObjectCreated:CompleteMultipartUpload", BUCKET, S3EventBodies.FILE_KEY,
            "uploads/" + MULTIPART_ID, 1024L))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.OBJECT_CREATED)
  V4Pact batch(MessagePactBuilder builder) {
    return builder.expectsToReceive("a batch of ObjectCreated records")
        .withContent(newJsonBody(root -> root.array("Records", a -> {
          a.object(S3EventBodies.record("ObjectCreated:Put", BUCKET, S3EventBodies.FILE_KEY, "uploads/" + FIRST_ID, 1024L));
          a.object(S3EventBodies.record("ObjectCreated:Put", BUCKET, S3EventBodies.FILE_KEY, "uploads/" + SECOND_ID, 1024L));
        })).build())
        .toPact(V4Pact.class);
  }

  @Pact(consumer = Pacticipants.OBJECT_CREATED)
  V4Pact encodedKey(MessagePactBuilder builder) {
    // S3 URL-encodes keys as HTML forms do: a space is '+', other bytes are %XX of their UTF-8.
    return builder.expectsToReceive("an ObjectCreated:Put of a key with spaces and non-ASCII characters")
        .withContent(S3EventBodies.oneRecord("ObjectCreated:Put", BUCKET, "uploads/[^/]*\\+[^/]*%C3%A9[^/]*",
            "uploads/holiday+photo+%C3%A9t%C3%A9.jpg", 1024L))
        .toPact(V4Pact.class);
  }

  /** The function's result as its invoker reads it: JSON, written by the Lambda serializer. */
  private static JsonNode consume(V4Interaction.AsynchronousMessage message) throws Exception {
    String payload = new String(message.contentsAsBytes(), StandardCharsets.UTF_8);
    return JSON.readTree(Lambda.invoke(new ObjectCreatedFunction(space.env()), S3Event.class, EventReport.class, payload));
  }

  private static List<String> outcomes(JsonNode report) {
    return report.path("results").findValuesAsText("outcome");
  }

  @Test
  @PactTestFor(pactMethod = "put")
  void aPutMakesThePendingFileUploaded(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    seeds.pending(PUT_ID, "image/jpeg", 1024, true);
    assertEquals(List.of("UPLOADED"), outcomes(consume(messages.get(0))));
    assertEquals(FileState.UPLOADED, seeds.files().find(PUT_ID).orElseThrow().state());
  }

  @Test
  @PactTestFor(pactMethod = "multipart")
  void aCompletedMultipartUploadMakesThePendingFileUploaded(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    seeds.pending(MULTIPART_ID, "image/jpeg", 1024, true);
    assertEquals(List.of("UPLOADED"), outcomes(consume(messages.get(0))));
    assertEquals(FileState.UPLOADED, seeds.files().find(MULTIPART_ID).orElseThrow().state());
  }

  @Test
  @PactTestFor(pactMethod = "batch")
  void everyRecordOfABatchIsApplied(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    seeds.pending(FIRST_ID, "image/jpeg", 1024, true);
    seeds.pending(SECOND_ID, "image/jpeg", 1024, true);
    assertEquals(List.of("UPLOADED", "UPLOADED"), outcomes(consume(messages.get(0))));
    assertEquals(FileState.UPLOADED, seeds.files().find(FIRST_ID).orElseThrow().state());
    assertEquals(FileState.UPLOADED, seeds.files().find(SECOND_ID).orElseThrow().state());
  }

  @Test
  @PactTestFor(pactMethod = "encodedKey")
  void anEncodedKeyIsDecodedAndAKeyThatIsNoFileIsIgnored(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    JsonNode result = consume(messages.get(0)).path("results").get(0);
    assertEquals("uploads/holiday photo été.jpg", result.path("key").asText());
    assertEquals("UNKNOWN_KEY", result.path("outcome").asText());
  }
}
