package io.filestore.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.consumer.dsl.SynchronousMessagePactBuilder;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filestore.local.GenerateEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The object-created function invoked directly with an S3 event, as
 * {@code ./filestore generate-event s3-put --key K | ./filestore invoke object-created --event -} does:
 * its result documents what it did with each record.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = Pacticipants.OBJECT_CREATED, providerType = ProviderType.SYNCH_MESSAGE, pactVersion = PactSpecVersion.V4)
class ObjectEventInvocationsPactTest {
  static final String ID = "e0f9b8a7c63f8a1c9e0b7d4e2fa6c5d1";
  static final String BUCKET = "filestore-local";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Pact(consumer = Pacticipants.OPERATOR)
  V4Pact put(SynchronousMessagePactBuilder builder) {
    return builder.given("a pending upload whose bytes are in S3", Map.of("id", ID, "bucket", BUCKET, "size", 1024))
        .expectsToReceive("an operator's invoke of object-created with an S3 put event")
        .withRequest(r -> r.withContent(S3EventBodies.oneRecord("ObjectCreated:Put", BUCKET, S3EventBodies.FILE_KEY,
            "uploads/" + ID, 1024L)))
        .withResponse(r -> r.withContent(newJsonBody(o -> {
          o.integerType("processed", 1);
          o.array("results", a -> a.object(row -> {
            row.stringValue("eventName", "ObjectCreated:Put");
            row.stringMatcher("key", S3EventBodies.FILE_KEY, "uploads/" + ID);
            row.stringMatcher("fileId", "[0-9a-f]{32}", ID);
            row.stringValue("outcome", "UPLOADED");
          }));
        }).build()))
        .toPact();
  }

  @Test
  @PactTestFor(pactMethod = "put")
  void theGeneratedS3EventIsWhatTheFunctionTakes(V4Interaction.SynchronousMessages message) throws Exception {
    Invocations.assertSatisfies(message, GenerateEvent.generate(new String[] {
        "s3-put", "--key", "uploads/" + ID, "--size", "1024", "--bucket", BUCKET}));
    assertEquals("UPLOADED", JSON.readTree(Invocations.response(message)).path("results").get(0).path("outcome").asText());
  }
}
