package io.filestore.functions;

import io.filestore.adapters.dynamodb.FileTable;
import io.filestore.emulators.AwsServices;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.LambdaFunctions;
import io.filestore.emulators.ParameterStore;
import io.filestore.emulators.ProcessingReceiver;
import io.filestore.emulators.S3Notifications;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts S3Proxy (authentication on) and DynamoDB Local once per test JVM, and gives each test its own
 * bucket and table, so that tests never see each other's files. S3 notifications are queued per bucket.
 */
public final class LocalAws implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final Map<String, BlockingQueue<S3Notifications.Record>> QUEUES = new ConcurrentHashMap<>();
  private static Emulators emulators;
  private static S3Client s3;
  private static DynamoDbClient dynamo;
  private static AwsServices services;
  private static ProcessingReceiver receiver;
  /** The webhook secret every test space's settings and the receiver share. */
  public static final String WEBHOOK_SECRET = "test-webhook-secret";

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (LocalAws.class) {
      if (emulators == null) {
        emulators = Emulators.start(null, 0, 0, List.of("http://localhost:5173"),
            r -> QUEUES.computeIfAbsent(r.bucket(), b -> new LinkedBlockingQueue<>()).add(r));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY));
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(emulators.s3Endpoint())
            .region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true).build();
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(emulators.dynamoEndpoint())
            .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        services = AwsServices.start(null, 0);
        receiver = ProcessingReceiver.start(0, WEBHOOK_SECRET);
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalAws.class.getName(), this);
      }
    }
  }

  @Override
  public void close() {
    services.close();
    receiver.close();
    emulators.close();
  }

  /** A new bucket and table, and the environment a function deployed against them would get. */
  public static Space newSpace(Map<String, String> settings) {
    return newSpace("filestore-test-" + NEXT.incrementAndGet(), settings);
  }

  /** A space whose bucket and table have this name (unique per test JVM), for events that name their bucket. */
  public static Space newSpace(String name, Map<String, String> settings) {
    String bucket = name;
    String table = name;
    s3.createBucket(b -> b.bucket(bucket));
    dynamo.createTable(FileTable.createTableRequest(table));
    dynamo.updateTimeToLive(b -> b.tableName(table)
        .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(FileTable.TTL).enabled(true).build()));
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", Emulators.REGION);
    env.put("AWS_ACCESS_KEY_ID", Emulators.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", Emulators.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_S3", emulators.s3Endpoint().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", emulators.dynamoEndpoint().toString());
    env.put("TABLE_NAME", table);
    env.put("BUCKET_NAME", bucket);
    env.put("ALLOWED_CONTENT_TYPES", "image/*,text/plain,application/pdf,application/octet-stream");
    env.put("MAX_FILE_SIZE_BYTES", "10485760");
    // Processing: this space's settings, topic and process function on the in-process SSM, SNS and Lambda.
    env.put("AWS_ENDPOINT_URL_SSM", services.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SNS", services.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_LAMBDA", services.endpoint().toString());
    env.put("SETTINGS_PREFIX", "/filestore/" + name);
    env.put("SETTINGS_CACHE_SECONDS", "0");
    env.put("TOPIC_ARN", services.sns().createTopic(name));
    env.put("PROCESS_FUNCTION_NAME", "process-" + name);
    setting(name, "processing/enabled", "true");
    setting(name, "processing/endpoint", receiver.url().toString());
    setting(name, "processing/timeout-seconds", "2");
    setting(name, "processing/max-attempts", "3");
    services.ssm().put("/filestore/" + name + "/processing/secret", ParameterStore.SECURE_STRING, WEBHOOK_SECRET);
    setting(name, "admin-principals", "none");
    env.putAll(settings);
    Map<String, String> processEnv = Map.copyOf(env);
    services.lambda().register("process-" + name, new LambdaFunctions.Handler() {
      private ProcessFunction function;

      @Override
      public synchronized String handle(String payload) {
        if (function == null) {
          function = new ProcessFunction(processEnv);
        }
        return SdkCallRecorder.as("process", () -> Lambda.invoke(function, Lambda.MAP, JobRunReport.class, payload));
      }
    });
    return new Space(bucket, table, Map.copyOf(env), QUEUES.computeIfAbsent(bucket, b -> new LinkedBlockingQueue<>()));
  }

  /** Sets one of a space's settings (a name under its prefix, such as "processing/enabled"). */
  public static void setting(String space, String name, String value) {
    services.ssm().put("/filestore/" + space + "/" + name, name.equals("admin-principals") ? ParameterStore.STRING_LIST
        : ParameterStore.STRING, value);
  }

  public static AwsServices services() {
    return services;
  }

  /** The processing endpoint every space's settings point at. */
  public static ProcessingReceiver receiver() {
    return receiver;
  }

  public static S3Client s3() {
    return s3;
  }

  public static DynamoDbClient dynamo() {
    return dynamo;
  }

  public static S3Notifications notifications() {
    return emulators.notifications();
  }

  /** One test's bucket, table, function environment and S3 notifications. */
  public record Space(String bucket, String table, Map<String, String> env, BlockingQueue<S3Notifications.Record> events) {

    /** The next S3 notification for this bucket, as the JSON S3 sends to Lambda. */
    public String nextEvent() {
      return notifications().toJson(nextRecord());
    }

    public S3Notifications.Record nextRecord() {
      try {
        S3Notifications.Record record = events.poll(10, TimeUnit.SECONDS);
        if (record == null) {
          throw new AssertionError("No S3 notification within 10 s");
        }
        return record;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    public void assertNoEvent() throws InterruptedException {
      S3Notifications.Record record = events.poll(300, TimeUnit.MILLISECONDS);
      if (record != null) {
        throw new AssertionError("Unexpected S3 notification " + record);
      }
    }
  }
}
