package io.filestore.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Every request must be signed (SigV4) by the emulators' key for the service it calls; otherwise each
 * service answers in its own error shape, as AWS does. Requests signed by the SDK's signer alone, as the
 * functions' adapters send them, are accepted.
 */
class SignatureCheckTest {
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final AwsCredentialsIdentity KEY = AwsCredentialsIdentity.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY);
  private static AwsServices services;
  private static SdkHttpClient http;

  @BeforeAll
  static void start() {
    services = AwsServices.start(null, 0);
    services.ssm().put("/sig/enabled", "String", "true");
    services.sns().createTopic("sig");
    services.lambda().register("process", payload -> "{\"ok\":true}");
    http = UrlConnectionHttpClient.create();
  }

  @AfterAll
  static void stop() {
    http.close();
    services.close();
  }

  private static AwsServiceException refused(Runnable call) {
    return assertThrows(AwsServiceException.class, call::run);
  }

  @Test
  void aWrongSecretIsRefusedInEachServicesOwnShape() {
    StaticCredentialsProvider wrong = Clients.credentials("not-the-secret");
    int published = services.sns().published().size();
    int invoked = services.lambda().invocations().size();
    try (SsmClient ssm = Clients.ssm(services.endpoint(), wrong); SnsClient sns = Clients.sns(services.endpoint(), wrong);
        LambdaClient lambda = Clients.lambda(services.endpoint(), wrong)) {
      AwsServiceException s = refused(() -> ssm.getParameter(b -> b.name("/sig/enabled")));
      assertEquals("InvalidSignatureException", s.awsErrorDetails().errorCode());
      assertEquals(400, s.statusCode());
      assertTrue(s.awsErrorDetails().errorMessage().startsWith("The request signature we calculated does not match"));
      AwsServiceException n = refused(() -> sns.publish(b -> b.topicArn(Topics.arn("sig")).message("m")));
      assertEquals("SignatureDoesNotMatch", n.awsErrorDetails().errorCode());
      assertEquals(403, n.statusCode());
      AwsServiceException l = refused(() -> lambda.invoke(b -> b.functionName("process")));
      assertEquals("InvalidSignatureException", l.awsErrorDetails().errorCode());
      assertEquals(403, l.statusCode());
    }
    assertEquals(published, services.sns().published().size(), "nothing refused was published");
    assertEquals(invoked, services.lambda().invocations().size(), "nothing refused was invoked");
  }

  @Test
  void anUnknownAccessKeyIsRefused() {
    StaticCredentialsProvider stranger = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTRANGER", Emulators.SECRET_KEY));
    try (SsmClient ssm = Clients.ssm(services.endpoint(), stranger); SnsClient sns = Clients.sns(services.endpoint(), stranger);
        LambdaClient lambda = Clients.lambda(services.endpoint(), stranger)) {
      assertEquals("UnrecognizedClientException", refused(() -> ssm.getParameter(b -> b.name("/sig/enabled"))).awsErrorDetails().errorCode());
      assertEquals("InvalidClientTokenId",
          refused(() -> sns.publish(b -> b.topicArn(Topics.arn("sig")).message("m"))).awsErrorDetails().errorCode());
      assertEquals("UnrecognizedClientException", refused(() -> lambda.invoke(b -> b.functionName("process"))).awsErrorDetails().errorCode());
    }
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    HttpResponse<String> ssm = plain.send(HttpRequest.newBuilder(services.endpoint().resolve("/"))
        .header("X-Amz-Target", "AmazonSSM.GetParameters").header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Names\":[\"/sig/enabled\"]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, ssm.statusCode());
    assertEquals("MissingAuthenticationTokenException", ssm.headers().firstValue("x-amzn-ErrorType").orElse(null));
    assertTrue(ssm.body().contains("\"__type\":\"MissingAuthenticationTokenException\""), ssm.body());

    HttpResponse<String> sns = plain.send(HttpRequest.newBuilder(services.endpoint().resolve("/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Action=Publish&Version=2010-03-31&TopicArn=" + Topics.arn("sig") + "&Message=m")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, sns.statusCode());
    assertTrue(sns.body().contains("<Code>MissingAuthenticationToken</Code>") && sns.body().contains("<Type>Sender</Type>"), sns.body());

    HttpResponse<String> lambda = plain.send(HttpRequest.newBuilder(services.endpoint().resolve("/2015-03-31/functions/process/invocations"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, lambda.statusCode());
    assertEquals("MissingAuthenticationTokenException", lambda.headers().firstValue("x-amzn-ErrorType").orElse(null));
  }

  /** Signed as the functions' adapters sign: the SDK's signer on a request they build themselves. */
  private static SignedRequest sign(String service, String region, String path, Map<String, String> headers, String body) {
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(services.endpoint())
        .encodedPath(path).putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    headers.forEach(request::putHeader);
    return SIGNER.sign(r -> r.identity(KEY).request(request.build())
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
  }

  private static Answer send(SdkHttpRequest request, String body) throws Exception {
    HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request)
        .contentStreamProvider(ContentStreamProvider.fromUtf8String(body)).build()).call();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (response.responseBody().isPresent()) {
      try (InputStream in = response.responseBody().get()) {
        in.transferTo(out);
      }
    }
    return new Answer(response.httpResponse().statusCode(), response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null),
        out.toString(StandardCharsets.UTF_8));
  }

  private record Answer(int status, String errorType, String body) {}

  @Test
  void requestsSignedByTheSdkSignerAloneAreAccepted() throws Exception {
    String ssmBody = "{\"Names\":[\"/sig/enabled\"],\"WithDecryption\":true}";
    Answer ssm = send(sign("ssm", "us-east-1", "/", Map.of("X-Amz-Target", "AmazonSSM.GetParameters",
        "Content-Type", "application/x-amz-json-1.1"), ssmBody).request(), ssmBody);
    assertEquals(200, ssm.status(), ssm.body());
    assertTrue(ssm.body().contains("\"Value\":\"true\""), ssm.body());

    String snsBody = "Action=Publish&Version=2010-03-31&TopicArn=" + Topics.arn("sig").replace(":", "%3A")
        + "&Subject=Processing%20SUCCEEDED&Message=%7B%22fileId%22%3A%22f1%22%7D"
        + "&MessageAttributes.entry.1.Name=status&MessageAttributes.entry.1.Value.DataType=String"
        + "&MessageAttributes.entry.1.Value.StringValue=SUCCEEDED";
    Answer sns = send(sign("sns", "us-east-1", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        snsBody).request(), snsBody);
    assertEquals(200, sns.status(), sns.body());
    assertTrue(sns.body().contains("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"), sns.body());
    Topics.Notification n = services.sns().published().get(services.sns().published().size() - 1);
    assertEquals("{\"fileId\":\"f1\"}", n.message());
    assertEquals("Processing SUCCEEDED", n.subject());
    assertEquals(new Topics.Attribute("String", "SUCCEEDED"), n.attributes().get("status"));

    String arnPath = "/2015-03-31/functions/" + LambdaFunctions.arn("process").replace(":", "%3A") + "/invocations";
    Answer lambda = send(sign("lambda", "us-east-1", arnPath, Map.of("X-Amz-Invocation-Type", "Event"), "{\"fileId\":\"f1\"}").request(),
        "{\"fileId\":\"f1\"}");
    assertEquals(202, lambda.status(), lambda.body() + " (an ARN in the path is signed encoded twice)");
    assertTrue(services.lambda().awaitIdle(Duration.ofSeconds(10)));
  }

  @Test
  void theScopeMustNameThisServiceAndRegionAndTheBodyMustBeTheOneSigned() throws Exception {
    String body = "{\"Names\":[\"/sig/enabled\"]}";
    Map<String, String> headers = Map.of("X-Amz-Target", "AmazonSSM.GetParameters", "Content-Type", "application/x-amz-json-1.1");
    Answer wrongService = send(sign("sns", "us-east-1", "/", headers, body).request(), body);
    assertEquals(400, wrongService.status());
    assertEquals("InvalidSignatureException", wrongService.errorType());
    assertTrue(wrongService.body().contains("Credential should be scoped to correct service: 'ssm'"), wrongService.body());

    Answer wrongRegion = send(sign("ssm", "eu-west-1", "/", headers, body).request(), body);
    assertEquals("InvalidSignatureException", wrongRegion.errorType());

    String tampered = "{\"Names\":[\"/sig/ENABLED\"]}";
    Answer changed = send(sign("ssm", "us-east-1", "/", headers, body).request(), tampered);
    assertEquals("InvalidSignatureException", changed.errorType(), "the body is part of the signature");

    SdkHttpRequest signed = sign("ssm", "us-east-1", "/", headers, body).request();
    Answer otherTarget = send(signed.toBuilder().putHeader("X-Amz-Target", "AmazonSSM.PutParameter").build(), body);
    assertEquals("InvalidSignatureException", otherTarget.errorType(), "a signed header cannot be changed");
  }

  @Test
  void aSignatureOlderOrNewerThanFifteenMinutesHasExpired() {
    Instant signedAt = Instant.parse("2026-03-01T12:00:00Z");
    String body = "{\"Names\":[\"/sig/enabled\"]}";
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4569"))
        .encodedPath("/").putHeader("X-Amz-Target", "AmazonSSM.GetParameters").putHeader("Content-Type", "application/x-amz-json-1.1")
        .build();
    SignedRequest signed = SIGNER.sign(r -> r.identity(KEY).request(unsigned).payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(new LinkedHashMap<>(signed.request().headers()));
    ServiceRequest request = new ServiceRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8), "r1");

    assertNull(verifierAt(signedAt.plus(Duration.ofMinutes(14))).verify("ssm", request));
    assertNull(verifierAt(signedAt.minus(Duration.ofMinutes(14))).verify("ssm", request));
    SigV4Verifier.Rejection late = verifierAt(signedAt.plus(Duration.ofMinutes(16))).verify("ssm", request);
    assertEquals(SigV4Verifier.Failure.EXPIRED, late.failure());
    assertTrue(late.message().startsWith("Signature expired: 20260301T120000Z is now earlier than"), late.message());
    assertEquals(SigV4Verifier.Failure.EXPIRED, verifierAt(signedAt.minus(Duration.ofMinutes(16))).verify("ssm", request).failure());
  }

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(Emulators.ACCESS_KEY, Emulators.SECRET_KEY, Emulators.REGION, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void canonicalFormsFollowTheSpecification() {
    assertEquals("/2015-03-31/functions/arn%253Aaws%253Alambda/invocations",
        SigV4Verifier.canonicalUri("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations"));
    assertEquals("/", SigV4Verifier.canonicalUri(""));
    assertEquals("/a/c", SigV4Verifier.canonicalUri("/a/b/../c"));
    assertEquals("A=1&b=%20%2B&b=x&c=", SigV4Verifier.canonicalQuery("c&b=x&b=%20%2B&A=1"));
    assertEquals("a%2Fb~c%2A", SigV4Verifier.encode("a/b~c*", true));
  }

  @Test
  void aBodyBeyondAsciiIsSignedAsItsUtf8Bytes() {
    try (LambdaClient lambda = Clients.lambda(services.endpoint())) {
      String payload = "{\"name\":\"é ü 日本\"}";
      assertEquals("{\"ok\":true}", lambda.invoke(b -> b.functionName("process").payload(SdkBytes.fromUtf8String(payload))).payload().asUtf8String());
    }
  }
}
