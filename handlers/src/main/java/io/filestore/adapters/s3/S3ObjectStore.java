package io.filestore.adapters.s3;

import io.filestore.domain.DownloadLink;
import io.filestore.domain.MetadataHeaders;
import io.filestore.domain.ObjectFacts;
import io.filestore.domain.UploadTicket;
import io.filestore.ports.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The bucket, through the SDK's presigner alone. Clients get presigned PUTs and GETs; the functions'
 * own HeadObject and DeleteObject are presigned too and sent with the SDK's HTTP client. Same requests,
 * same IAM actions as the S3 client would send, without loading (or shipping) the S3 client's hundreds
 * of classes for two calls.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final Duration OWN_REQUEST_TTL = Duration.ofMinutes(1);
  private static final int ATTEMPTS = 3;
  private static final String META_PREFIX = "x-amz-meta-";

  private final Supplier<S3Presigner> presigner;
  private final SdkHttpClient http;
  private final String bucket;

  /** A supplier, so that the presigner can be built on another thread during init and awaited on first use. */
  public S3ObjectStore(Supplier<S3Presigner> presigner, SdkHttpClient http, String bucket) {
    this.presigner = presigner;
    this.http = http;
    this.bucket = bucket;
  }

  @Override
  public UploadTicket presignUpload(String key, String contentType, long size, Map<String, String> metadataHeaders,
      String checksumSha256, Duration ttl) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
        .contentLength(size).metadata(metadataHeaders).ifNoneMatch("*");
    if (checksumSha256 != null) {
      put.checksumSHA256(checksumSha256);
    }
    PutObjectRequest request = put.build();
    PresignedPutObjectRequest signed = presigner.get().presignPutObject(p -> p.signatureDuration(ttl).putObjectRequest(request));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : signed.signedHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("host")) {
        headers.put(headerName(h.getKey()), String.join(",", h.getValue()));
      }
    }
    return new UploadTicket(signed.url(), headers, signed.expiration());
  }

  @Override
  public DownloadLink presignDownload(String key, String contentType, String contentDisposition, Duration ttl) {
    var signed = presigner.get().presignGetObject(p -> p.signatureDuration(ttl)
        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)
            .responseContentDisposition(contentDisposition)));
    return new DownloadLink(signed.url(), signed.expiration());
  }

  @Override
  public Optional<ObjectFacts> head(String key) {
    SdkHttpResponse response = send(presigner.get().presignHeadObject(p -> p.signatureDuration(OWN_REQUEST_TTL)
        .headObjectRequest(h -> h.bucket(bucket).key(key))), "HeadObject " + key);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    response.headers().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith(META_PREFIX) && !values.isEmpty()) {
        metadata.put(lower.substring(META_PREFIX.length()), MetadataHeaders.decode(values.get(0)));
      }
    });
    long size = response.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
    String etag = response.firstMatchingHeader("ETag").map(e -> e.replace("\"", "")).orElse(null);
    return Optional.of(new ObjectFacts(size, response.firstMatchingHeader("Content-Type").orElse(null), etag, metadata));
  }

  @Override
  public void delete(String key) {
    send(presigner.get().presignDeleteObject(p -> p.signatureDuration(OWN_REQUEST_TTL)
        .deleteObjectRequest(d -> d.bucket(bucket).key(key))), "DeleteObject " + key);
  }

  /**
   * Sends a presigned request; retries S3's 5xx answers (SlowDown, InternalError) and I/O failures with
   * backoff, and fails on any other error. A 404 is returned to the caller, which knows what it means.
   */
  private SdkHttpResponse send(PresignedRequest request, String what) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
            .request(request.httpRequest()).build()).call();
        int status = response.httpResponse().statusCode();
        String body = readAndClose(response);
        if (status < 300 || status == 404) {
          return response.httpResponse();
        }
        last = new S3RequestException(what + " failed with HTTP " + status + ": " + body);
        if (status < 500) {
          throw last;
        }
      } catch (IOException e) {
        last = new UncheckedIOException(what + " failed", e);
      }
      backoff(attempt);
    }
    throw last;
  }

  private static String readAndClose(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) {
      return "";
    }
    try (InputStream in = response.responseBody().get()) {
      byte[] bytes = in.readNBytes(2048);
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void backoff(int attempt) {
    if (attempt < ATTEMPTS) {
      try {
        Thread.sleep(100L << (2 * (attempt - 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while retrying an S3 request", e);
      }
    }
  }

  /** Signed header names come lower-case; clients read them more easily in their usual spelling. */
  private static String headerName(String lower) {
    switch (lower) {
      case "content-type": return "Content-Type";
      case "content-length": return "Content-Length";
      case "if-none-match": return "If-None-Match";
      default: return lower;
    }
  }

  /** S3 refused a request the functions made themselves (permissions, a missing bucket). */
  public static final class S3RequestException extends RuntimeException {
    public S3RequestException(String message) {
      super(message);
    }
  }
}
