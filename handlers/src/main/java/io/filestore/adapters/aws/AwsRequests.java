package io.filestore.adapters.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Signs (SigV4) and sends one AWS API request with the SDK's signer and HTTP client. The functions call
 * three operations of SSM, SNS and Lambda; each SDK client would load and ship hundreds of classes for
 * one call, so the adapters build these requests themselves, as the S3 adapter does with the presigner.
 * Throttling and 5xx answers are retried with backoff, as the SDK's standard retry mode does.
 */
public final class AwsRequests {
  private static final int ATTEMPTS = 3;
  private static final int MAX_BODY = 1 << 20;

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Region region;

  public AwsRequests(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
    this.http = http;
    this.credentials = credentials;
    this.region = region;
  }

  /** An answer: its status, its headers' error type (if any) and its body. */
  public record Response(int status, String errorType, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Response post(String service, URI endpoint, String path, Map<String, String> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .encodedPath(path).putHeader("Content-Length", Integer.toString(bytes.length));
    headers.forEach(request::putHeader);
    SdkHttpFullRequest unsigned = request.build();
    Response last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        last = send(sign(service, unsigned, bytes));
        if (last.ok() || !retryable(last)) {
          return last;
        }
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw new UncheckedIOException(service + " request failed", e);
        }
      }
      pause(attempt);
    }
    return last;
  }

  private SignedRequest sign(String service, SdkHttpFullRequest request, byte[] body) {
    return Signer.INSTANCE.sign(r -> r.identity(credentials.resolveIdentity().join()).request(request)
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
  }

  private Response send(SignedRequest signed) throws IOException {
    HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
        .contentStreamProvider(signed.payload().orElse(null)).build()).call();
    String body = "";
    if (response.responseBody().isPresent()) {
      try (InputStream in = response.responseBody().get()) {
        body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
      }
    }
    String errorType = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
    return new Response(response.httpResponse().statusCode(), errorType, body);
  }

  /** Loaded on the first signed request, so a function that makes none (most API calls) never loads the signer. */
  private static final class Signer {
    static final AwsV4HttpSigner INSTANCE = AwsV4HttpSigner.create();
  }

  private static boolean retryable(Response response) {
    return response.status() >= 500 || response.status() == 429
        || (response.errorType() != null && response.errorType().startsWith("Throttl"))
        || response.body().contains("<Code>Throttl") || response.body().contains("ThrottlingException");
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L << (2 * (attempt - 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying an AWS request", e);
    }
  }
}
