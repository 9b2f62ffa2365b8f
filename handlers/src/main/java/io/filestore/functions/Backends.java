package io.filestore.functions;

import io.filestore.adapters.aws.AwsClients;
import io.filestore.adapters.dynamodb.DynamoCollectionRepository;
import io.filestore.adapters.dynamodb.DynamoFileRepository;
import io.filestore.adapters.s3.S3ObjectStore;
import io.filestore.config.Env;
import io.filestore.domain.ObjectEvents;
import io.filestore.ports.CollectionRepository;
import io.filestore.ports.FileRepository;
import io.filestore.ports.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final String bucket;

  Backends(Env env) {
    AwsClients aws = new AwsClients(env);
    String bucket = env.required("BUCKET_NAME");
    String table = env.required("TABLE_NAME");
    Duration retention = Duration.ofDays(env.number("TOMBSTONE_RETENTION_DAYS", 30, 1, 3650));
    CompletableFuture<S3Presigner> presigner = CompletableFuture.supplyAsync(aws::presigner, WORKERS);
    this.files = new DynamoFileRepository(aws.dynamoDb(), table, retention);
    this.collections = new DynamoCollectionRepository(aws.dynamoDb(), table);
    this.objects = new S3ObjectStore(presigner::join, aws.http(), bucket);
    this.bucket = bucket;
  }

  /** The seam tests use to put a port of their own in front of a real adapter. */
  Backends(FileRepository files, CollectionRepository collections, ObjectStore objects) {
    this.files = files;
    this.collections = collections;
    this.objects = objects;
    this.bucket = null;
  }

  /** What both S3-triggered functions apply events with. */
  ObjectEvents objectEvents(boolean storeOnLoad) {
    return new ObjectEvents(files, objects, Clock.systemUTC(), bucket, storeOnLoad);
  }
}
