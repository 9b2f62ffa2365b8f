package io.filestore.functions;

import io.filestore.adapters.aws.AwsClients;
import io.filestore.adapters.dynamodb.DynamoCollectionRepository;
import io.filestore.adapters.dynamodb.DynamoFileRepository;
import io.filestore.adapters.dynamodb.DynamoJobRepository;
import io.filestore.adapters.lambda.LambdaJobStarter;
import io.filestore.adapters.sns.SnsNotifier;
import io.filestore.adapters.ssm.SsmSettings;
import io.filestore.adapters.s3.S3ObjectStore;
import io.filestore.config.Env;
import io.filestore.domain.ObjectEvents;
import io.filestore.ports.CollectionRepository;
import io.filestore.ports.FileRepository;
import io.filestore.ports.JobRepository;
import io.filestore.ports.JobStarter;
import io.filestore.ports.Notifier;
import io.filestore.ports.Settings;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The real adapters every function uses, built from the environment once per instance. The S3
 * presigner is built on a helper thread while this thread builds the DynamoDB client: their class
 * loading overlaps instead of adding up on the cold start.
 */
final class Backends {
  /** Daemon threads for init work and for overlapping a presign with a DynamoDB round trip. */
  static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "filestore-worker");
    t.setDaemon(true);
    return t;
  });

  final FileRepository files;
  final CollectionRepository collections;
  final ObjectStore objects;
  final JobRepository jobs;
  private final String bucket;
  private final AwsClients aws;

  Backends(Env env) {
    AwsClients aws = new AwsClients(env);
    String bucket = env.required("BUCKET_NAME");
    String table = env.required("TABLE_NAME");
    Duration retention = Duration.ofDays(env.number("TOMBSTONE_RETENTION_DAYS", 30, 1, 3650));
    CompletableFuture<S3Presigner> presigner = CompletableFuture.supplyAsync(aws::presigner, WORKERS);
    DynamoDbClient dynamo = aws.dynamoDb();
    this.files = new DynamoFileRepository(dynamo, table, retention);
    this.collections = new DynamoCollectionRepository(dynamo, table);
    this.jobs = new DynamoJobRepository(dynamo, table);
    this.objects = new S3ObjectStore(presigner::join, aws.http(), bucket);
    this.bucket = bucket;
    this.aws = aws;
  }

  /** The seam tests use to put an object store of their own in front of the real one. */
  Backends(Backends real, ObjectStore objects) {
    this.files = real.files;
    this.collections = real.collections;
    this.objects = objects;
    this.jobs = real.jobs;
    this.bucket = real.bucket;
    this.aws = real.aws;
  }

  /** The settings store (SSM); only the functions that sign webhooks read the secret. No call is made yet. */
  Settings settings(Env env, boolean withSecret) {
    return new SsmSettings(aws.requests(), aws.endpoint("ssm"), env.required("SETTINGS_PREFIX"), withSecret,
        env.seconds("SETTINGS_CACHE_SECONDS", 30, 0, 3600), Clock.systemUTC());
  }

  /** Starts jobs by invoking the process function asynchronously. */
  JobStarter starter(Env env) {
    return new LambdaJobStarter(aws.requests(), aws.endpoint("lambda"), env.required("PROCESS_FUNCTION_NAME"));
  }

  Notifier notifier(Env env) {
    return new SnsNotifier(aws.requests(), aws.endpoint("sns"), env.required("TOPIC_ARN"));
  }

  /** What both S3-triggered functions apply events with. */
  ObjectEvents objectEvents(boolean storeOnLoad) {
    return new ObjectEvents(files, objects, Clock.systemUTC(), bucket, storeOnLoad);
  }
}
