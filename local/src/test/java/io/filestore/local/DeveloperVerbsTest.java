package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate-event prints what AWS sends; invoke runs one function against the running stack; token prints
 * an ID token of the local user pool.
 */
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

  private static JsonNode part(String token, int index) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
  }

  @Test
  void tokenPrintsACognitoShapedIdTokenOfTheLocalPool() throws Exception {
    String token = IssueToken.run(new String[] {"--sub", "alice", "--groups", "admins, editors", "--email", "alice@example.com",
        "--ttl", "600", "--root", ROOT, "--data", data.toString()});
    assertTrue(Files.exists(data.resolve("auth/user-pool.json")), "the pool is made on first use, with no stack running");
    UserPool pool = UserPool.load(data);
    JsonNode header = part(token, 0);
    assertEquals("RS256", header.path("alg").asText());
    assertEquals("JWT", header.path("typ").asText());
    assertEquals(pool.kid(), header.path("kid").asText());
    JsonNode claims = part(token, 1);
    assertEquals("alice", claims.path("sub").asText());
    assertEquals("alice", claims.path("cognito:username").asText());
    assertEquals(pool.clientId(), claims.path("aud").asText());
    assertEquals(pool.issuer(), claims.path("iss").asText());
    assertEquals("id", claims.path("token_use").asText());
    assertEquals(600, claims.path("exp").asLong() - claims.path("iat").asLong(), "--ttl");
    assertEquals(claims.path("iat").asLong(), claims.path("auth_time").asLong());
    assertTrue(claims.path("jti").asText().length() >= 16, claims::toString);
    assertEquals("alice@example.com", claims.path("email").asText());
    assertTrue(claims.path("email_verified").isBoolean() && claims.path("email_verified").asBoolean(), claims::toString);
    assertEquals("[\"admins\",\"editors\"]", claims.path("cognito:groups").toString());
    // Verified at the moment it was issued, so that no assertion depends on the clock.
    Clock issued = Clock.fixed(Instant.ofEpochSecond(claims.path("iat").asLong()), ZoneOffset.UTC);
    assertNotNull(new CognitoAuthorizer(pool, issued).verify(token), "the stack's authorizer admits it");

    String plain = IssueToken.run(new String[] {"--sub", "bob", "--root", ROOT, "--data", data.toString()});
    JsonNode bob = part(plain, 1);
    assertEquals(pool.kid(), part(plain, 0).path("kid").asText(), "the pool is reused");
    assertEquals(3600, bob.path("exp").asLong() - bob.path("iat").asLong(), "an hour by default");
    assertFalse(bob.has("email") || bob.has("email_verified") || bob.has("cognito:groups"), bob::toString);
    assertEquals(3, plain.split("\\.").length);
    assertFalse(plain.contains("\n") || plain.contains(" "), "only the token, for TOKEN=$(./filestore token ...)");
  }

  @Test
  void tokenRefusesBadOptionsWithOneLine() {
    String dir = data.toString();
    for (String[] args : new String[][] {
        {"--data", dir},
        {"--sub", "", "--data", dir},
        {"--sub"},
        {"--sub", "alice", "--ttl", "0", "--data", dir},
        {"--sub", "alice", "--ttl", "86401", "--data", dir},
        {"--sub", "alice", "--ttl", "soon", "--data", dir},
        {"--sub", "alice", "--groups", " , ", "--data", dir},
        {"--sub", "alice", "--email", "alice", "--data", dir},
        {"--sub", "alice", "--scope", "openid", "--data", dir}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IssueToken.run(args), String.join(" ", args));
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    assertFalse(Files.exists(data.resolve("auth")), "nothing is made for a refused command");
  }
}
