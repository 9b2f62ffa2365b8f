package io.filestore.contracts.provider.s3local;

import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.S3Notifications;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The local stack's S3 notification producer (S3Proxy with the notifying blob store) verifies the
 * contracts the S3-triggered functions hold with S3: each message is produced by doing to the emulated
 * S3 what a client does, and taking the notification it emits. If the local emulation drifts from
 * AWS's event shape, this fails.
 */
@Provider(Pacticipants.S3)
@PactFolder("${pact.dir}")
class S3EventsFromLocalStackVerificationIT extends MessageVerification {
  private static final String BUCKET = "filestore-contract-events";
  private static final BlockingQueue<S3Notifications.Record> EMITTED = new LinkedBlockingQueue<>();
  private static Emulators emulators;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    emulators = Emulators.start(null, 0, 0, List.of("*"), EMITTED::add);
    s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(emulators.s3Endpoint())
        .region(Region.of(Emulators.REGION)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY)))
        .build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() {
    s3.close();
    emulators.close();
  }

  @BeforeEach
  void clear() {
    EMITTED.clear();
  }

  private static String newKey() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return "uploads/" + HexFormat.of().formatHex(id);
  }

  private static void put(String key) {
    s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("image/jpeg"), RequestBody.fromBytes(new byte[1024]));
  }

  private static S3Notifications.Record next(String eventName) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      S3Notifications.Record record = EMITTED.poll(100, TimeUnit.MILLISECONDS);
      if (record != null && record.eventName().equals(eventName)) {
        return record;
      }
    }
    throw new AssertionError("the emulated S3 emitted no " + eventName + " within 10 s");
  }

  private static String event(S3Notifications.Record... records) {
    return emulators.notifications().toJson(records);
  }

  @PactVerifyProvider("an ObjectCreated:Put of an uploaded file")
  public String put() throws Exception {
    put(newKey());
    return event(next("ObjectCreated:Put"));
  }

  @PactVerifyProvider("an ObjectCreated:CompleteMultipartUpload of an uploaded file")
  public String multipart() throws Exception {
    String key = newKey();
    String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).contentType("image/jpeg")).uploadId();
    String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
        RequestBody.fromBytes(new byte[1024])).eTag();
    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    return event(next("ObjectCreated:CompleteMultipartUpload"));
  }

  @PactVerifyProvider("a batch of ObjectCreated records")
  public String batch() throws Exception {
    put(newKey());
    S3Notifications.Record first = next("ObjectCreated:Put");
    put(newKey());
    return event(first, next("ObjectCreated:Put"));
  }

  @PactVerifyProvider("an ObjectCreated:Put of a key with spaces and non-ASCII characters")
  public String encodedKey() throws Exception {
    put("uploads/holiday photo été.jpg");
    return event(next("ObjectCreated:Put"));
  }

  @PactVerifyProvider("an ObjectRemoved:Delete of a stored file's object")
  public String delete() throws Exception {
    String key = newKey();
    put(key);
    s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    return event(next("ObjectRemoved:Delete"));
  }
}
