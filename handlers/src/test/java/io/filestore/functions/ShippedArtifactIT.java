package io.filestore.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The artifact we ship, run the way Lambda's Java runtime runs it: only filestore-lambda.jar on a class
 * loader of its own (nothing from the test class path leaks in), handlers built by their public
 * constructors from the environment, every payload read and every result written by the runtime's
 * serializer. Then the whole life of a file against the emulators.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedArtifactIT {
  private static final Path JAR = Path.of(System.getProperty("filestore.artifact", "target/filestore-lambda.jar"));
  private URLClassLoader loader;
  private LocalAws.Space space;

  @BeforeAll
  void load() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "build the artifact first: " + JAR);
    loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    space = LocalAws.newSpace(Map.of());
  }

  @AfterAll
  void close() throws Exception {
    loader.close();
  }

  @Test
  void containsNoTestOrLocalOnlyLibrary() throws Exception {
    List<String> forbidden = List.of("org/junit/", "org/gaul/", "com/amazonaws/services/dynamodbv2/", "org/eclipse/jetty/",
        "com/fasterxml/jackson/databind/", "ch/qos/logback/", "org/apache/logging/log4j/", "au/com/dius/pact/",
        "com/amazonaws/services/lambda/runtime/serialization/", "org/mockito/", "jakarta/ws/rs/", "org/apache/hc/",
        "io/netty/", "software/amazon/awssdk/http/apache", "io/filestore/emulators/", "com/almworks/sqlite4java/");
    List<String> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      zip.stream().forEach(e -> forbidden.stream().filter(e.getName()::startsWith).findFirst().ifPresent(found::add));
    }
    assertEquals(List.of(), found.stream().distinct().toList());
    System.out.printf("ARTIFACT %s: %.2f MB%n", JAR.getFileName(), Files.size(JAR) / 1_000_000.0);
  }

  @Test
  void aFileFromUploadToDeletion() throws Exception {
    byte[] bytes = "shipped artifact".getBytes(StandardCharsets.UTF_8);
    Object api = handler("io.filestore.functions.ApiFunction");
    Object created = handler("io.filestore.functions.ObjectCreatedFunction");
    Object removed = handler("io.filestore.functions.ObjectRemovedFunction");
    Object expire = handler("io.filestore.functions.ExpireFunction");

    JsonNode started = body(call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("POST", "/files", null, "{\"name\":\"a b.txt\",\"contentType\":\"text/plain\",\"size\":" + bytes.length + "}")), 201);
    String id = started.path("file").path("id").asText();
    assertEquals(200, Http.upload(started.path("upload"), bytes).statusCode());
    JsonNode report = call(created, "com.amazonaws.services.lambda.runtime.events.S3Event", space.nextEvent());
    assertEquals("UPLOADED", report.path("results").path(0).path("outcome").asText(), report::toString);

    assertEquals("STORED", body(call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("POST", "/files/{id}/store", id, null)), 200).path("state").asText());
    JsonNode link = body(call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("GET", "/files/{id}/download", id, null)), 200);
    assertArrayEquals(bytes, Http.get(link.path("url").asText()).body());
    JsonNode list = body(call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("GET", "/files", null, null)), 200);
    assertEquals(id, list.path("items").path(0).path("id").asText());
    JsonNode invalid = call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("POST", "/files", null, "{\"name\":1}"));
    assertEquals(400, invalid.path("statusCode").asInt());

    assertEquals(204, call(api, "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
        request("DELETE", "/files/{id}", id, null)).path("statusCode").asInt());
    JsonNode removal = call(removed, "com.amazonaws.services.lambda.runtime.events.S3Event", space.nextEvent());
    assertEquals("DUPLICATE", removal.path("results").path(0).path("outcome").asText());

    JsonNode sweep = call(expire, "com.amazonaws.services.lambda.runtime.events.ScheduledEvent", """
        {"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
         "time":"2026-11-24T09:00:00Z","region":"us-east-1","resources":[],"detail":{"dryRun":true}}""");
    assertTrue(sweep.path("dryRun").asBoolean(), sweep::toString);
  }

  private Object handler(String name) throws Exception {
    Class<?> type = Class.forName(name, true, loader);
    assertEquals(loader, type.getClassLoader(), "loaded from the artifact");
    return type.getConstructor(Map.class).newInstance(space.env());
  }

  /** Invokes handleRequest as the runtime does, through its serializer, and returns the result as JSON. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private JsonNode call(Object handler, String inputType, String payload) throws Exception {
    Class<?> input = Class.forName(inputType, true, loader);
    Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", true, loader);
    Object context = Proxy.newProxyInstance(loader, new Class<?>[] {contextType},
        (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? UUID.randomUUID().toString() : null);
    Object event = serializer(input).fromJson(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)));
    Method handle = handler.getClass().getMethod("handleRequest", input, contextType);
    Object result = handle.invoke(handler, event, context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ((PojoSerializer) serializer(result.getClass())).toJson(result, out);
    return Api.JSON.readTree(out.toByteArray());
  }

  private PojoSerializer<?> serializer(Class<?> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, loader)
        : JacksonFactory.getInstance().getSerializer(type);
  }

  private static JsonNode body(JsonNode response, int status) throws Exception {
    assertEquals(status, response.path("statusCode").asInt(), response::toString);
    return Api.JSON.readTree(response.path("body").asText());
  }

  private static String request(String method, String resource, String id, String body) throws Exception {
    ObjectNode event = (ObjectNode) Api.JSON.readTree(ShippedArtifactIT.class.getResourceAsStream("/events/api-request.json"));
    String path = id == null ? resource : resource.replace("{id}", id);
    event.put("httpMethod", method).put("resource", resource).put("path", path).put("body", body);
    if (id != null) {
      event.putObject("pathParameters").put("id", id);
    }
    ObjectNode context = (ObjectNode) event.get("requestContext");
    context.put("requestId", UUID.randomUUID().toString());
    ((ObjectNode) context.get("identity")).put("apiKey", Functions.KEY).put("apiKeyId", "k1");
    return event.toString();
  }
}
