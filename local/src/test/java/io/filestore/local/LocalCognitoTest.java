package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./filestore local --auth cognito: the user-pool authorizer in front of the API key, over HTTP. */
class LocalCognitoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

  @TempDir
  Path data;

  private LocalStack start(int port, String auth) throws Exception {
    LocalStack stack = new LocalStack(LocalStack.Options.parse(new String[] {"--root", ROOT, "--data", data.toString(),
        "--port", String.valueOf(port), "--expire-every", "1h", "--web", data.resolve("no-web").toString(), "--auth", auth}));
    stack.start();
    return stack;
  }

  private static HttpResponse<String> call(String method, String url, String key, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("x-api-key", key);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data";
    all[args.length + 1] = data.toString();
    return IssueToken.run(all);
  }

  private static ObjectNode validClaims(UserPool pool) {
    return IssueToken.claims(pool, new IssueToken.Subject("alice", List.of(), null, 3600), Instant.now());
  }

  private static String compact(ObjectNode header, ObjectNode claims, byte[] signature) {
    return BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + BASE64URL.encodeToString(signature);
  }

  private static String signingInput(ObjectNode header, ObjectNode claims) {
    String t = compact(header, claims, new byte[0]);
    return t.substring(0, t.length() - 1);
  }

  /** Tokens that API Gateway's Cognito authorizer refuses, each for one reason. */
  private static Map<String, String> refused(UserPool pool) throws Exception {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("garbage", "Bearer not-a-token");
    refused.put("three parts but no JSON", "Bearer aaa.bbb.ccc");

    ObjectNode none = JSON.createObjectNode().put("alg", "none").put("kid", pool.kid()).put("typ", "JWT");
    refused.put("alg none", compact(none, validClaims(pool), new byte[0]));

    // The classic confusion: HS256 keyed with the public key the JWKS publishes.
    ObjectNode hs256 = JSON.createObjectNode().put("alg", "HS256").put("kid", pool.kid()).put("typ", "JWT");
    ObjectNode claims = validClaims(pool);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(pool.publicKey().getEncoded(), "HmacSHA256"));
    refused.put("HS256", compact(hs256, claims, mac.doFinal(signingInput(hs256, claims).getBytes(StandardCharsets.US_ASCII))));

    ObjectNode rs256 = JSON.createObjectNode().put("alg", "RS256").put("kid", pool.kid()).put("typ", "JWT");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(generator.generateKeyPair().getPrivate());
    rsa.update(signingInput(rs256, claims).getBytes(StandardCharsets.US_ASCII));
    refused.put("signed by another key", compact(rs256, claims, rsa.sign()));

    refused.put("another kid", pool.sign(rs256.deepCopy().put("kid", "another-key"), validClaims(pool)));
    refused.put("expired", pool.sign(IssueToken.claims(pool, new IssueToken.Subject("alice", List.of(), null, 3600),
        Instant.now().minus(Duration.ofHours(2)))));
    refused.put("another issuer", pool.sign(validClaims(pool).put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Another00")));
    refused.put("an access token", pool.sign(validClaims(pool).put("token_use", "access")));
    String valid = pool.sign(validClaims(pool));
    refused.put("a tampered payload", valid.substring(0, valid.indexOf('.') + 1)
        + BASE64URL.encodeToString(validClaims(pool).put("sub", "mallory").toString().getBytes(StandardCharsets.UTF_8))
        + valid.substring(valid.lastIndexOf('.')));
    return refused;
  }

  private static void assertUnauthorized(HttpResponse<String> response, String why) throws Exception {
    assertEquals(401, response.statusCode(), why + ": " + response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null), why);
    assertEquals("UNAUTHORIZED", response.headers().firstValue("x-amzn-ErrorType").orElse(null), why);
    assertEquals("urn:filestore:problem:unauthorized", JSON.readTree(response.body()).path("type").asText(), why);
    assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), why + ": CORS");
    assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"), why);
  }

  @Test
  void cognitoModeAsksForAnIdTokenOfThePoolBeforeTheKey() throws Exception {
    try (LocalStack stack = start(Ports.freeTriple(), "cognito")) {
      String api = stack.apiUrl();
      String key = stack.apiKey();
      UserPool pool = UserPool.load(data);
      JsonNode facts = JSON.readTree(data.resolve("local.json").toFile());
      assertEquals("cognito", facts.path("auth").asText());
      assertEquals(pool.issuer(), facts.path("issuer").asText());
      assertTrue(facts.path("userPoolId").asText().matches("us-east-1_[A-Za-z0-9]{9}"), facts::toString);
      assertEquals("https://cognito-idp.us-east-1.amazonaws.com/" + facts.path("userPoolId").asText(), pool.issuer());
      assertEquals(pool.clientId(), facts.path("userPoolClientId").asText());
      assertEquals(api + "/_local/cognito/.well-known/jwks.json", facts.path("jwksUrl").asText());

      String token = token("--sub", "alice");
      HttpResponse<String> raw = call("GET", api + "/files", key, token, null);
      assertEquals(200, raw.statusCode(), "the raw token: " + raw.body());
      assertTrue(JSON.readTree(raw.body()).has("items"), "the function answered: " + raw.body());
      HttpResponse<String> bearer = call("GET", api + "/files", key, "Bearer " + token, null);
      assertEquals(200, bearer.statusCode(), "Bearer <token>: " + bearer.body());

      HttpResponse<String> noKey = call("GET", api + "/files", null, "Bearer " + token, null);
      assertEquals(403, noKey.statusCode(), "the key is still required: " + noKey.body());
      assertEquals("API_KEY", noKey.headers().firstValue("x-amzn-ErrorType").orElse(null));
      assertUnauthorized(call("GET", api + "/files", null, null, null), "neither token nor key: the authorizer answers first");
      assertUnauthorized(call("POST", api + "/files", key, null, "{broken"), "the token is checked before the body");
      assertEquals(204, call("OPTIONS", api + "/files", null, null, null).statusCode(), "CORS preflights need no token");

      assertUnauthorized(call("GET", api + "/files", key, null, null), "missing header");
      assertUnauthorized(call("GET", api + "/files", key, "Bearer ", null), "empty bearer");
      for (Map.Entry<String, String> bad : refused(pool).entrySet()) {
        assertUnauthorized(call("GET", api + "/files", key, bad.getValue(), null), bad.getKey());
      }
    }
  }

  @Test
  void theJwksPublishesTheKeyThatSignsTheTokens() throws Exception {
    try (LocalStack stack = start(Ports.freeTriple(), "cognito")) {
      HttpResponse<String> response = call("GET", stack.apiUrl() + Gateway.JWKS_PATH, null, null, null);
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
      JsonNode jwk = JSON.readTree(response.body()).path("keys").path(0);
      assertEquals("RSA", jwk.path("kty").asText());
      assertEquals("sig", jwk.path("use").asText());
      assertEquals("RS256", jwk.path("alg").asText());

      String token = token("--sub", "alice");
      String[] parts = token.split("\\.");
      assertEquals(jwk.path("kid").asText(), JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asText());
      var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
          new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(publicKey);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "a client verifies the token with the JWKS alone");
    }
  }

  @Test
  void theFunctionKnowsTheCallerByTheTokensSubject() throws Exception {
    try (LocalStack stack = start(Ports.freeTriple(), "cognito")) {
      String api = stack.apiUrl();
      String key = stack.apiKey();
      String alice = "Bearer " + token("--sub", "alice", "--groups", "admins,editors", "--email", "alice@example.com");
      String bob = "Bearer " + token("--sub", "bob");
      HttpResponse<String> created = call("POST", api + "/files", key, alice,
          "{\"name\":\"hello.txt\",\"contentType\":\"text/plain\",\"size\":5}");
      assertEquals(201, created.statusCode(), created.body());
      JsonNode file = JSON.readTree(created.body()).path("file");
      assertEquals("user:alice", file.path("createdBy").asText(), created.body());
      String id = file.path("id").asText();
      assertEquals(200, call("GET", api + "/files/" + id, key, alice, null).statusCode());
      assertEquals(404, call("GET", api + "/files/" + id, key, bob, null).statusCode(),
          "the same API key with another user's token is another caller");
    }
  }

  @Test
  void apiKeyModeIgnoresTheAuthorizationHeader() throws Exception {
    try (LocalStack stack = start(Ports.freeTriple(), "api-key")) {
      String api = stack.apiUrl();
      HttpResponse<String> listed = call("GET", api + "/files", stack.apiKey(), "Bearer not-a-token", null);
      assertEquals(200, listed.statusCode(), listed.body());
      assertEquals(403, call("GET", api + "/files", null, "Bearer " + token("--sub", "alice"), null).statusCode(),
          "a token is no key");
      assertEquals("api-key", JSON.readTree(data.resolve("local.json").toFile()).path("auth").asText());
      assertEquals(200, call("GET", api + Gateway.JWKS_PATH, null, null, null).statusCode(), "the JWKS is served in both modes");
    }
  }

  @Test
  void aTokenMadeBeforeARestartStillWorksAfterIt() throws Exception {
    int port = Ports.freeTriple();
    String token;
    byte[] poolFile;
    try (LocalStack stack = start(port, "cognito")) {
      token = token("--sub", "alice");
      poolFile = Files.readAllBytes(data.resolve(UserPool.FILE));
      assertEquals(200, call("GET", stack.apiUrl() + "/files", stack.apiKey(), token, null).statusCode());
    }
    try (LocalStack again = start(port, "cognito")) {
      assertArrayEquals(poolFile, Files.readAllBytes(data.resolve(UserPool.FILE)), "the key is kept, not made again");
      HttpResponse<String> listed = call("GET", again.apiUrl() + "/files", again.apiKey(), token, null);
      assertEquals(200, listed.statusCode(), listed.body());
    }
    try (var files = Files.list(data.resolve("auth"))) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".partial")), "nothing left aside");
    }
  }
}
