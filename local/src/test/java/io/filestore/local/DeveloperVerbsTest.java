package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate-event prints what AWS sends; invoke runs one function against the running stack. */
class DeveloperVerbsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

  @TempDir
  Path data;

  private static <T> T read(Class<T> type, String json) {
    return LambdaEventSerializers.serializerFor(type, DeveloperVerbsTest.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void generatedEventsReadThroughTheRuntimeSerializer() {
    S3Event put = read(S3Event.class, GenerateEvent.generate(new String[] {"s3-put", "--key", "uploads/a b/é.txt", "--size", "7"}));
    assertEquals("uploads/a+b/%C3%A9.txt", put.getRecords().get(0).getS3().getObject().getKey());
    assertEquals("uploads/a b/é.txt", put.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
    assertEquals(7L, put.getRecords().get(0).getS3().getObject().getSizeAsLong());
    assertTrue(put.getRecords().get(0).getS3().getObject().getSequencer().length() > 10);
    S3Event delete = read(S3Event.class, GenerateEvent.generate(new String[] {"s3-delete"}));
    assertEquals("ObjectRemoved:Delete", delete.getRecords().get(0).getEventName());
    ScheduledEvent schedule = read(ScheduledEvent.class, GenerateEvent.generate(new String[] {"schedule", "--dry-run"}));
    assertEquals("Scheduled Event", schedule.getDetailType());
    assertEquals(Boolean.TRUE, schedule.getDetail().get("dryRun"));
    APIGatewayProxyRequestEvent api = read(APIGatewayProxyRequestEvent.class, GenerateEvent.generate(new String[] {
        "api", "--path", "/files/0123456789abcdef0123456789abcdef/store", "--method", "POST"}));
    assertEquals("/files/{id}/store", api.getResource());
    assertEquals("0123456789abcdef0123456789abcdef", api.getPathParameters().get("id"));
    assertThrows(IllegalArgumentException.class, () -> GenerateEvent.generate(new String[] {"sqs"}));
  }

  @Test
  void invokeRunsOneFunctionAgainstTheRunningStack() throws Exception {
    int port = Ports.freeTriple();
    assertThrows(IllegalStateException.class, () -> Invoke.run(new String[] {"expire", "--event", "-", "--root", ROOT,
        "--data", data.toString()}), "no stack running yet");
    try (LocalStack stack = new LocalStack(LocalStack.Options.parse(new String[] {"--root", ROOT, "--data", data.toString(),
        "--port", String.valueOf(port)}))) {
      stack.start();
      Path schedule = Files.writeString(data.resolve("schedule.json"), GenerateEvent.generate(new String[] {"schedule", "--dry-run"}));
      JsonNode sweep = JSON.readTree(Invoke.run(new String[] {"expire", "--event", schedule.toString(), "--root", ROOT,
          "--data", data.toString()}));
      assertTrue(sweep.path("dryRun").asBoolean(), sweep::toString);
      Path put = Files.writeString(data.resolve("put.json"), GenerateEvent.generate(new String[] {"s3-put"}));
      JsonNode report = JSON.readTree(Invoke.run(new String[] {"object-created", "--event", put.toString(), "--root", ROOT,
          "--data", data.toString()}));
      assertEquals("UNKNOWN_KEY", report.path("results").path(0).path("outcome").asText(), report::toString);
    }
  }
}
