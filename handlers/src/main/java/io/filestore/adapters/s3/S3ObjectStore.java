package io.filestore.adapters.s3;

import io.filestore.domain.DownloadLink;
import io.filestore.domain.MetadataHeaders;
import io.filestore.domain.ObjectFacts;
import io.filestore.domain.UploadTicket;
import io.filestore.ports.ObjectStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** The bucket, through the SDK's client and presigner. */
public final class S3ObjectStore implements ObjectStore {
  private final Supplier<S3Client> s3;
  private final Supplier<S3Presigner> presigner;
  private final String bucket;

  /** Suppliers, so that the clients can be built on another thread during init and awaited on first use. */
  public S3ObjectStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
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
    PresignedGetObjectRequest signed = presigner.get().presignGetObject(p -> p.signatureDuration(ttl)
        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)
            .responseContentDisposition(contentDisposition)));
    return new DownloadLink(signed.url(), signed.expiration());
  }

  @Override
  public Optional<ObjectFacts> head(String key) {
    try {
      HeadObjectResponse head = s3.get().headObject(b -> b.bucket(bucket).key(key));
      Map<String, String> metadata = new LinkedHashMap<>();
      head.metadata().forEach((k, v) -> metadata.put(k, MetadataHeaders.decode(v)));
      String etag = head.eTag() == null ? null : head.eTag().replace("\"", "");
      return Optional.of(new ObjectFacts(head.contentLength(), head.contentType(), etag, metadata));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) {
    s3.get().deleteObject(b -> b.bucket(bucket).key(key));
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
}
