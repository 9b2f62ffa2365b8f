package io.filestore.bench;

import io.filestore.adapters.dynamodb.FileTable;
import io.filestore.emulators.Emulators;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold start of "create upload", from process start to response, against the local emulators: the
 * shipped jar on JDK 17 and JDK 25, with and without a class archive, on 1 and 2 CPUs, and the Python
 * equivalent (bench/create_upload.py) in the same run. Prints medians; asserts nothing.
 *
 * <p>Usage: ColdStartBench JAR LAUNCHER_CLASSES_DIR [RUNS]
 */
public final class ColdStartBench {
  private static final String JDK17 = System.getProperty("java.home");
  private static final String NAME = "filestore-bench";
  private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
  /** The flags Lambda's Java runtime starts the JVM with. */
  private static final List<String> LAMBDA_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path launcher = Path.of(args[1]).toAbsolutePath();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path work = Files.createTempDirectory("filestore-bench");
    try (Emulators emulators = Emulators.start(null, 0, 0, List.of(), r -> { })) {
      createBucketAndTable(emulators);
      Map<String, String> env = environment(emulators.s3Endpoint(), emulators.dynamoEndpoint());
      String classPath = jar + ":" + launcher;
      List<String[]> rows = new ArrayList<>();
      for (String cpus : new String[] {"0", "0-1"}) {
        String label = cpus.equals("0") ? "1 CPU" : "2 CPUs";
        rows.add(row("Python 3 + boto3 (same run)", label, time(runs, cpus, env, List.of("python3", Path.of("bench/create_upload.py").toAbsolutePath().toString()))));
        rows.add(row("JDK 17, Lambda flags", label, time(runs, cpus, env, java(JDK17, classPath, List.of()))));
        Path jsa = work.resolve("app17.jsa");
        if (!Files.exists(jsa)) {
          run(cpus, env, java(JDK17, classPath, List.of("-XX:ArchiveClassesAtExit=" + jsa)));
        }
        rows.add(row("JDK 17, Lambda flags + AppCDS", label, time(runs, cpus, env, java(JDK17, classPath, List.of("-XX:SharedArchiveFile=" + jsa)))));
        if (Files.isDirectory(Path.of(JDK25))) {
          rows.add(row("JDK 25, Lambda flags", label, time(runs, cpus, env, java(JDK25, classPath, List.of()))));
          Path aot = work.resolve("app25.aot");
          if (!Files.exists(aot)) {
            run(cpus, env, java(JDK25, classPath, List.of("-XX:AOTCacheOutput=" + aot)));
          }
          rows.add(row("JDK 25, Lambda flags + AOT cache", label, time(runs, cpus, env, java(JDK25, classPath, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aot)))));
        }
      }
      System.out.printf("%nCold start of create-upload, process start to response, median of %d runs (min-max), jar %.2f MB%n",
          runs, Files.size(jar) / 1e6);
      System.out.printf("%-36s %-7s %s%n", "variant", "CPUs", "ms");
      for (String[] row : rows) {
        System.out.printf("%-36s %-7s %s%n", row[0], row[1], row[2]);
      }
    }
  }

  private static List<String> java(String home, String classPath, List<String> extra) {
    List<String> command = new ArrayList<>(List.of(home + "/bin/java"));
    command.addAll(LAMBDA_FLAGS);
    command.addAll(extra);
    command.addAll(List.of("-cp", classPath, ColdStartLauncher.class.getName()));
    return command;
  }

  private static String[] row(String variant, String cpus, String timing) {
    return new String[] {variant, cpus, timing};
  }

  private static String time(int runs, String cpus, Map<String, String> env, List<String> command) throws Exception {
    run(cpus, env, command); // warms the OS file cache, as a redeployed Lambda's disk would be
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      millis[i] = run(cpus, env, command);
    }
    Arrays.sort(millis);
    return millis[runs / 2] + " (" + millis[0] + "-" + millis[runs - 1] + ")";
  }

  /** @return milliseconds from starting the process to reading its STATUS line */
  private static long run(String cpus, Map<String, String> env, List<String> command) throws Exception {
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cpus));
    pinned.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(pinned).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    String status = null;
    long elapsed = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      // Read to the end: after a training run the JVM still writes its archive, and must not be cut short.
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("STATUS ") && status == null) {
          elapsed = (System.nanoTime() - start) / 1_000_000;
          status = line;
        } else {
          output.append(line).append('\n');
        }
      }
    }
    process.waitFor(60, TimeUnit.SECONDS);
    if (!"STATUS 201".equals(status)) {
      throw new IllegalStateException(String.join(" ", command) + " answered " + status + "\n" + output);
    }
    return elapsed;
  }

  private static void createBucketAndTable(Emulators emulators) {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY));
    try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(emulators.s3Endpoint())
            .region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(emulators.dynamoEndpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
      s3.createBucket(b -> b.bucket(NAME));
      dynamo.createTable(FileTable.createTableRequest(NAME));
    }
  }

  /** What the API function is deployed with, as far as create-upload needs (ColdStartBenchTest builds one from it). */
  static Map<String, String> environment(URI s3, URI dynamo) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", Emulators.REGION);
    env.put("AWS_DEFAULT_REGION", Emulators.REGION);
    env.put("AWS_ACCESS_KEY_ID", Emulators.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", Emulators.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_S3", s3.toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.toString());
    env.put("TABLE_NAME", NAME);
    env.put("BUCKET_NAME", NAME);
    env.put("ALLOWED_CONTENT_TYPES", "text/plain");
    // Named, never called: create-upload starts no processing and reads no setting.
    env.put("PROCESS_FUNCTION_NAME", "filestore-bench-process");
    env.put("SETTINGS_PREFIX", "/filestore/bench");
    return env;
  }
}
