package io.filestore.contracts;

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
import io.filestore.functions.ObjectRemovedFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The object-removed function as a consumer of S3's ObjectRemoved notifications. */
@ExtendWith({LocalAws.class, PactConsumerTestExt.class})
@PactTestFor(providerName = Pacticipants.S3, providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class ObjectRemovedEventsPactTest {
  static final String BUCKET = "filestore-uploads-removed";
  static final String STORED_ID = "c63f8a1c9e0b7d4e2fa6c5d1e0f9b8a7";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws.Space space;
  private static Seeds seeds;

  @BeforeAll
  static void space() {
    space = LocalAws.newSpace(BUCKET, Map.of());
    seeds = new Seeds(space);
  }

  @Pact(consumer = Pacticipants.OBJECT_REMOVED)
  V4Pact delete(MessagePactBuilder builder) {
    return builder.expectsToReceive("an ObjectRemoved:Delete of a stored file's object")
        .withContent(S3EventBodies.oneRecord("ObjectRemoved:Delete", BUCKET, S3EventBodies.FILE_KEY, "uploads/" + STORED_ID, null))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "delete")
  void theRemovalOfAStoredFilesObjectMarksItDeleted(List<V4Interaction.AsynchronousMessage> messages) throws Exception {
    seeds.stored(STORED_ID, "application/pdf", 2048);
    LocalAws.s3().deleteObject(b -> b.bucket(BUCKET).key("uploads/" + STORED_ID));
    space.nextRecord();
    String payload = new String(messages.get(0).contentsAsBytes(), StandardCharsets.UTF_8);
    JsonNode report = JSON.readTree(Lambda.invoke(new ObjectRemovedFunction(space.env()), S3Event.class, EventReport.class, payload));
    assertEquals(List.of("DELETED"), report.path("results").findValuesAsText("outcome"));
    assertEquals(FileState.DELETED, seeds.files().find(STORED_ID).orElseThrow().state());
  }
}
