package io.filestore.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy (signatures and expiry enforced) and DynamoDB Local, in this JVM, on loopback. S3 changes
 * are announced as S3 notifications to a sink. In memory, or persisted under a folder.
 */
public final class Emulators implements AutoCloseable {
  /** DynamoDB Local accepts only letters and digits in access keys. */
  public static final String ACCESS_KEY = "FILESTORELOCAL";
  public static final String SECRET_KEY = "filestorelocalsecret";
  public static final String REGION = "us-east-1";

  private final S3Proxy s3;
  private final DynamoDBProxyServer dynamo;
  private final URI s3Endpoint;
  private final URI dynamoEndpoint;
  private final S3Notifications notifications;
  private final ExecutorService events;

  private Emulators(S3Proxy s3, DynamoDBProxyServer dynamo, URI s3Endpoint, URI dynamoEndpoint,
      S3Notifications notifications, ExecutorService events) {
    this.s3 = s3;
    this.dynamo = dynamo;
    this.s3Endpoint = s3Endpoint;
    this.dynamoEndpoint = dynamoEndpoint;
    this.notifications = notifications;
    this.events = events;
  }

  /**
   * @param dataDir where to persist, or null for memory only
   * @param s3Port the S3 port, or 0 for any free port
   * @param corsOrigins the browser origins allowed to PUT and GET presigned URLs
   * @param sink receives each S3 notification record, on an event thread
   */
  public static Emulators start(Path dataDir, int s3Port, int dynamoPort, List<String> corsOrigins,
      Consumer<S3Notifications.Record> sink) {
    S3Notifications notifications = new S3Notifications(REGION);
    ExecutorService events = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "s3-notifications");
      t.setDaemon(true);
      return t;
    });
    CompletableFuture<S3Proxy> s3 = CompletableFuture.supplyAsync(() -> startS3(dataDir, s3Port, corsOrigins,
        new NotifyingBlobStore(blobStore(dataDir), notifications, sink, events)));
    int port = dynamoPort == 0 ? freePort() : dynamoPort;
    DynamoDBProxyServer dynamo = startDynamo(dataDir, port);
    S3Proxy proxy = s3.join();
    return new Emulators(proxy, dynamo, URI.create("http://127.0.0.1:" + proxy.getPort()),
        URI.create("http://127.0.0.1:" + port), notifications, events);
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  public URI dynamoEndpoint() {
    return dynamoEndpoint;
  }

  public S3Notifications notifications() {
    return notifications;
  }

  @Override
  public void close() {
    try {
      s3.stop();
      dynamo.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the emulators", e);
    } finally {
      events.shutdownNow();
    }
  }

  private static BlobStore blobStore(Path dataDir) {
    if (dataDir == null) {
      return new TransientNio2BlobStore();
    }
    Path s3Dir = dataDir.resolve("s3");
    try {
      java.nio.file.Files.createDirectories(s3Dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FilesystemNio2BlobStore(s3Dir.toString());
  }

  private static S3Proxy startS3(Path dataDir, int port, List<String> corsOrigins, BlobStore store) {
    try {
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(store)
          .endpoint(URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          .corsRules(new CrossOriginResourceSharing(corsOrigins, List.of("GET", "PUT", "HEAD", "POST", "DELETE"),
              List.of("*"), List.of("ETag", "x-amz-request-id"), ""))
          .stopTimeout(0)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState())) {
          throw new IllegalStateException("S3Proxy failed to start on port " + port);
        }
        Thread.sleep(2);
      }
      return proxy;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start S3Proxy on port " + port + ": " + e.getMessage(), e);
    }
  }

  private static DynamoDBProxyServer startDynamo(Path dataDir, int port) {
    try {
      String[] args = dataDir == null
          ? new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)}
          : new String[] {"-dbPath", dynamoDir(dataDir).toString(), "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)};
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
      server.start();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start DynamoDB Local on port " + port + ": " + e.getMessage(), e);
    }
  }

  private static Path dynamoDir(Path dataDir) {
    try {
      return java.nio.file.Files.createDirectories(dataDir.resolve("dynamodb"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
