package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filestore.adapters.aws.AwsRequests;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.ProcessingReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What only the local stack adds for processing: the settings seeded once, the receiver on the API's port
 * and its control (the receiver verb), every function invokable by name through Lambda Invoke, the SNS
 * topic's log file, and the admin verb. Requests to SSM, SNS and Lambda go through the functions' own
 * signing adapter.
 */
class LocalProcessingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

  @TempDir
  Path data;

  private LocalStack start(int port) throws Exception {
    LocalStack stack = new LocalStack(LocalStack.Options.parse(new String[] {"--root", ROOT, "--data", data.toString(),
        "--port", String.valueOf(port), "--expire-every", "1h", "--retry-every", "1h", "--web", data.resolve("no-web").toString()}));
    stack.start();
    return stack;
  }

  private static AwsRequests aws() {
    return new AwsRequests(UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)), Region.US_EAST_1);
  }

  private static String sign(String secret, String body) throws Exception {
    long t = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> post(String url, String body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("Idempotency-Key", "job-1:1");
    if (signature != null) {
      request.header("X-Filestore-Signature", signature);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theProcessingPiecesOfTheLocalStack() throws Exception {
    int port = Ports.forStack();
    String secret;
    try (LocalStack stack = start(port)) {
      JsonNode facts = JSON.readTree(data.resolve("local.json").toFile());
      URI aws = URI.create(facts.path("awsEndpoint").asText());
      assertEquals("http://127.0.0.1:" + (port + 3), aws.toString(), "SSM, SNS and Lambda on N+3");
      assertEquals(stack.apiUrl() + "/_local/receiver", facts.path("receiverUrl").asText());
      assertEquals(stack.apiUrl() + "/_local/receiver/control", facts.path("receiverControlUrl").asText());
      assertEquals("arn:aws:sns:us-east-1:000000000000:filestore-processing-local", facts.path("topicArn").asText());
      Path snsLog = data.resolve("sns/filestore-processing-local.jsonl");
      assertEquals(snsLog.toString(), facts.path("snsLog").asText());
      assertEquals("/filestore/local", facts.path("settingsPrefix").asText());

      // The settings, as the functions read them through SSM.
      AwsRequests.Response settings = aws().post("ssm", aws, "/", Map.of("X-Amz-Target", "AmazonSSM.GetParameters",
          "Content-Type", "application/x-amz-json-1.1"), "{\"Names\":[\"/filestore/local/processing/enabled\","
          + "\"/filestore/local/processing/endpoint\",\"/filestore/local/processing/secret\"],\"WithDecryption\":true}");
      assertEquals(200, settings.status(), settings.body());
      JsonNode parameters = JSON.readTree(settings.body()).path("Parameters");
      assertEquals(3, parameters.size(), settings.body());
      secret = stack.services().ssm().find("/filestore/local/processing/secret").orElseThrow().value();
      assertTrue(settings.body().contains("\"Value\":\"" + facts.path("receiverUrl").asText() + "\""), settings.body());

      // The receiver, on the API's port, verifies with the seeded secret.
      String url = facts.path("receiverUrl").asText();
      String body = "{\"jobId\":\"job-1\",\"fileId\":\"0123456789abcdef0123456789abcdef\"}";
      assertEquals(200, post(url, body, sign(secret, body)).statusCode());
      assertEquals(401, post(url, body, sign("not-the-secret", body)).statusCode());
      assertEquals(401, post(url, body, null).statusCode());

      // ./filestore receiver tells it how to answer, and lists its calls.
      String told = Receiver.run(new String[] {"500", "--times", "1", "--root", ROOT, "--data", data.toString()});
      assertEquals("500", JSON.readTree(told).path("answer").asText(), told);
      assertEquals(500, post(url, body, sign(secret, body)).statusCode());
      assertEquals(200, post(url, body, sign(secret, body)).statusCode(), "once, then 200 again");
      assertEquals("200", JSON.readTree(Receiver.run(new String[] {"--root", ROOT, "--data", data.toString()})).path("answer").asText());
      JsonNode calls = JSON.readTree(Receiver.run(new String[] {"calls", "--root", ROOT, "--data", data.toString()})).path("calls");
      assertEquals(5, calls.size());
      assertEquals("job-1:1", calls.path(0).path("idempotencyKey").asText());
      assertEquals(List.of(200, 401, 401, 500, 200), stack.receiver().calls().stream().map(ProcessingReceiver.Call::status).toList());
      assertThrows(IllegalArgumentException.class, () -> Receiver.run(new String[] {"418", "--data", data.toString()}));
      Receiver.run(new String[] {"clear", "--root", ROOT, "--data", data.toString()});
      assertTrue(stack.receiver().calls().isEmpty());

      // Lambda Invoke reaches every wiring function by its name.
      String schedule = GenerateEvent.generate(new String[] {"schedule", "--dry-run"});
      AwsRequests.Response expire = aws().post("lambda", aws, "/2015-03-31/functions/expire/invocations", Map.of(), schedule);
      assertEquals(200, expire.status(), expire.body());
      assertTrue(JSON.readTree(expire.body()).path("dryRun").asBoolean(), expire.body());
      AwsRequests.Response unknown = aws().post("lambda", aws, "/2015-03-31/functions/nowhere/invocations", Map.of(), "{}");
      assertEquals(404, unknown.status());
      assertEquals("ResourceNotFoundException", unknown.errorType());
      for (Wiring.Function function : Wiring.read(Path.of(ROOT, "wiring/filestore.json")).functions()) {
        assertTrue(stack.services().lambda().exists(function.name()), function.name());
      }

      // What is published to the topic is appended to its file.
      String message = "{\"type\":\"filestore.processing.outcome\",\"status\":\"SUCCEEDED\"}";
      AwsRequests.Response published = aws().post("sns", aws, "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
          "Action=Publish&Version=2010-03-31&TopicArn=" + URLEncoder.encode(facts.path("topicArn").asText(), StandardCharsets.UTF_8)
              + "&Message=" + URLEncoder.encode(message, StandardCharsets.UTF_8)
              + "&MessageAttributes.entry.1.Name=status&MessageAttributes.entry.1.Value.DataType=String"
              + "&MessageAttributes.entry.1.Value.StringValue=SUCCEEDED");
      assertEquals(200, published.status(), published.body());
      List<String> lines = Files.readAllLines(snsLog);
      assertEquals(1, lines.size());
      JsonNode line = JSON.readTree(lines.get(0));
      assertEquals(message, line.path("Message").asText());
      assertEquals("SUCCEEDED", line.path("MessageAttributes").path("status").path("Value").asText());

      // ./filestore admin, as the administrator the local settings make of the stack's key.
      JsonNode status = JSON.readTree(Admin.run(new String[] {"status", "--root", ROOT, "--data", data.toString()}));
      assertTrue(status.path("enabled").asBoolean(), status::toString);
      assertEquals(url, status.path("endpoint").asText());
      JsonNode off = JSON.readTree(Admin.run(new String[] {"processing", "off", "--root", ROOT, "--data", data.toString()}));
      assertFalse(off.path("enabled").asBoolean(), off::toString);
      assertEquals("false", stack.services().ssm().find("/filestore/local/processing/enabled").orElseThrow().value());
      StackClient.Refused missing = assertThrows(StackClient.Refused.class,
          () -> Admin.run(new String[] {"jobs", "0123456789abcdef0123456789abcdef", "--root", ROOT, "--data", data.toString()}));
      assertEquals(404, missing.status());
      assertThrows(IllegalArgumentException.class, () -> Admin.run(new String[] {"processing", "maybe", "--data", data.toString()}));
    }
    try (LocalStack again = start(port)) {
      assertEquals("false", again.services().ssm().find("/filestore/local/processing/enabled").orElseThrow().value(),
          "what the administrator changed survives a restart");
      assertEquals(secret, again.services().ssm().find("/filestore/local/processing/secret").orElseThrow().value());
    }
  }

  @Test
  void aScheduleOptionMustNameAScheduledFunction() throws Exception {
    LocalStack.Options options = LocalStack.Options.parse(new String[] {"--retry-every", "2s", "--expire-every", "1m"});
    assertEquals(Map.of("retry", java.time.Duration.ofSeconds(2), "expire", java.time.Duration.ofMinutes(1)), options.every());
    Wiring wiring = Wiring.read(Path.of(ROOT, "wiring/filestore.json"));
    assertEquals(java.time.Duration.ofSeconds(10), new LocalStack(LocalStack.Options.parse(new String[0])).schedules(wiring).get("retry"),
        "locally, failed jobs are retried every 10 s unless told otherwise");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new LocalStack(LocalStack.Options.parse(new String[] {"--api-every", "1s"})).schedules(wiring));
    assertTrue(unknown.getMessage().contains("expire") && unknown.getMessage().contains("retry"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LocalStack.Options.parse(new String[] {"--retry-every"}));
    assertThrows(IllegalArgumentException.class, () -> LocalStack.Options.parse(new String[] {"--port", "65533"}), "N+3 must exist");
  }
}
