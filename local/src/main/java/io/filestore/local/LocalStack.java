package io.filestore.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.adapters.dynamodb.FileTable;
import io.filestore.emulators.AwsServices;
import io.filestore.emulators.Emulators;
import io.filestore.emulators.ProcessingReceiver;
import io.filestore.emulators.S3Notifications;
import io.filestore.emulators.Topics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The whole system on one machine, in one JVM: S3Proxy and DynamoDB Local persisting under the data
 * folder, the API Gateway emulation on 127.0.0.1, S3 notifications delivered to the functions the
 * wiring subscribes, and the wiring's schedules. SSM, SNS and Lambda Invoke are emulated on a fourth port:
 * the settings are SSM parameters seeded on the first start, job outcomes are published to an SNS topic
 * whose messages are appended to {@code <data>/sns/<topic>.jsonl}, and every wiring function can be
 * invoked by its name. A stand-in for the processing endpoint answers at {@link #RECEIVER_PATH}. The
 * functions get the environment variable names they get on AWS, and run through the Lambda serializer.
 * With {@code --auth cognito} the gateway also asks for an ID token of the local user pool, as the
 * deployment does with Terraform's enable_cognito.
 */
public final class LocalStack implements AutoCloseable {
  static final String NAME = "filestore-local";
  /** Where the stand-in processing endpoint answers, on the API's port, outside the API's routes. */
  static final String RECEIVER_PATH = "/_local/receiver";
  /** The ports a stack takes: the API on N, S3 on N+1, DynamoDB on N+2, and SSM, SNS and Lambda on N+3. */
  static final int PORTS = 4;
  private static final Pattern EVERY = Pattern.compile("--([a-z][a-z0-9-]*)-every");
  /** Schedules that run more often locally than on AWS, unless --NAME-every says otherwise. */
  static final Map<String, Duration> LOCAL_RATES = Map.of("retry", Duration.ofSeconds(10));

  private final Options options;
  private final List<AutoCloseable> running = new ArrayList<>();
  /** The functions' jar, closed after everything that may still invoke them. */
  private Artifact artifact;
  private Gateway gateway;
  private ApiKeys keys;
  private UserPool pool;
  private Emulators emulators;
  private AwsServices services;
  private ProcessingReceiver receiver;
  private StaticSite site;

  public LocalStack(Options options) {
    this.options = options;
  }

  /** What the gateway asks of a caller: the API key, or the API key and an ID token of the user pool. */
  public enum Auth {
    API_KEY("api-key"), COGNITO("cognito");

    private final String label;

    Auth(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Auth parse(String text) {
      for (Auth auth : values()) {
        if (auth.label.equals(text)) {
          return auth;
        }
      }
      throw new IllegalArgumentException("--auth takes api-key or cognito, not '" + text + "'");
    }
  }

  /**
   * Command-line options; see ./filestore --help. {@code every} holds the periods given as
   * {@code --<function>-every} (--expire-every, --retry-every) for the wiring's scheduled functions.
   */
  public record Options(Path root, Path data, Path web, int port, Map<String, Duration> every, boolean storeOnLoad, Auth auth) {
    public static Options parse(String[] args) {
      Path root = Path.of("").toAbsolutePath();
      Path data = null;
      Path web = null;
      int port = 4566;
      Map<String, Duration> every = new TreeMap<>();
      boolean storeOnLoad = false;
      Auth auth = Auth.API_KEY;
      for (int i = 0; i < args.length; i++) {
        Matcher schedule = EVERY.matcher(args[i]);
        if (schedule.matches()) {
          String option = args[i];
          every.put(schedule.group(1), duration(option, value(args, ++i, option)));
          continue;
        }
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
          case "--data" -> data = Path.of(value(args, ++i, "--data"));
          case "--web" -> web = Path.of(value(args, ++i, "--web"));
          case "--root" -> root = Path.of(value(args, ++i, "--root"));
          case "--store-on-load" -> storeOnLoad = true;
          case "--auth" -> auth = Auth.parse(value(args, ++i, "--auth"));
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; see ./filestore --help");
        }
      }
      if (port < 1 || port > 65535 - PORTS + 1) {
        throw new IllegalArgumentException("--port must be between 1 and " + (65535 - PORTS + 1) + " (it uses the next "
            + (PORTS - 1) + " ports too)");
      }
      return new Options(root, (data == null ? root.resolve(".filestore") : data).toAbsolutePath(),
          (web == null ? root.resolve("web/dist") : web).toAbsolutePath(), port, Map.copyOf(every), storeOnLoad, auth);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    try {
      LocalStack stack = new LocalStack(Options.parse(args));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stack.close();
        System.out.println("filestore local: stopped; data kept in " + stack.options.data());
      }, "shutdown"));
      stack.start();
      Thread.currentThread().join();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("filestore local: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("filestore local: could not start: " + e);
      System.exit(1);
    }
  }

  public void start() throws Exception {
    long began = System.nanoTime();
    Path data = options.data();
    try {
      Files.createDirectories(data.resolve("dynamodb"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the data folder " + data + " (" + e.getMessage() + "); pass --data DIR with a writable folder");
    }
    if (!Files.isWritable(data)) {
      throw new IllegalStateException("the data folder " + data + " is not writable; pass --data DIR with a writable folder");
    }
    for (int port = options.port(); port < options.port() + PORTS; port++) {
      ensureFree(port);
    }
    Wiring wiring = Wiring.read(options.root().resolve("wiring/filestore.json"));
    Map<String, Duration> schedules = schedules(wiring);
    WebHosting hosting = WebHosting.read(options.root().resolve("wiring/web-hosting.json"));
    hosting.checkContentTypes(options.web());
    artifact = Artifact.open(options.root().resolve(wiring.artifact()));
    keys = ApiKeys.load(data.resolve("api-keys.json"));
    // Made in either mode: the JWKS is always served, and tokens made now still work after a switch to cognito.
    pool = UserPool.load(data);

    Map<String, FunctionHost> hosts = new LinkedHashMap<>();
    NotificationRelay relay = new NotificationRelay(batch -> deliver(wiring, hosts, batch));
    running.add(relay);
    // Stopped after the relay (whose last S3 events may start jobs) and before S3 and DynamoDB, which the
    // queued invocations it lets finish still use.
    services = AwsServices.start(data, options.port() + 3);
    running.add(services);
    emulators = Emulators.start(data, options.port() + 1, options.port() + 2, List.of("*"), relay::offer);
    running.add(emulators);
    prepare();
    String topic = services.sns().createTopic(LocalEnvironment.TOPIC);
    services.sns().onPublish(LocalStack::logPublished);
    LocalSettings.Seeded seeded = LocalSettings.seed(services.ssm(), wiring.settings(), receiverUrl(), keys.first().value());
    receiver = new ProcessingReceiver(RECEIVER_PATH, () -> LocalSettings.secret(services.ssm()));
    LocalEnvironment.Endpoints endpoints = new LocalEnvironment.Endpoints(emulators.s3Endpoint(), emulators.dynamoEndpoint(),
        services.endpoint());
    for (Wiring.Function function : wiring.functions()) {
      FunctionHost host = new FunctionHost(function, LocalEnvironment.of(function, endpoints, options.storeOnLoad()), artifact);
      hosts.put(function.name(), host);
      services.lambda().register(function.name(), host::invoke);
    }
    services.lambda().onAsyncFailure((name, e) -> log(name + " failed on an Event invocation: " + e));
    ApiSpec spec = ApiSpec.read(options.root().resolve("openapi/filestore.yaml"),
        Map.of("cors_allow_origin", "*", "api_function_invoke_arn", "local"));
    String apiOrigin = "http://127.0.0.1:" + options.port();
    URI s3 = emulators.s3Endpoint();
    site = new StaticSite(options.web(), "{\"apiUrl\":\"" + apiOrigin + "\"}",
        hosting, apiOrigin, s3.getScheme() + "://" + s3.getAuthority());
    CognitoAuthorizer authorizer = options.auth() == Auth.COGNITO ? new CognitoAuthorizer(pool, Clock.systemUTC()) : null;
    gateway = new Gateway(spec, keys, pool, authorizer, hosts.get("api"), site, Map.of(RECEIVER_PATH, receiver), LocalStack::log);
    try {
      gateway.start(options.port());
    } catch (BindException e) {
      throw new IllegalStateException("port " + options.port() + " is in use; stop what uses it or pass --port N");
    }
    running.add(0, gateway::stop);
    running.add(1, receiver);
    schedule(wiring, hosts, schedules);
    writeLocalJson(topic);
    System.out.printf("%nFilestore is running locally (started in %.1f s)%n", (System.nanoTime() - began) / 1e9);
    System.out.printf("  API        %s%n", apiUrl());
    System.out.printf("  API key    %s   (send it as the x-api-key header)%n", keys.first().value());
    if (options.auth() == Auth.COGNITO) {
      String dataOption = data.equals(options.root().resolve(".filestore").toAbsolutePath()) ? "" : " --data " + data;
      System.out.printf("  Auth       cognito: every request needs the key and an ID token of user pool %s%n", pool.id());
      System.out.printf("  Token      TOKEN=$(./filestore token --sub alice%s)   (send it as Authorization: Bearer $TOKEN)%n", dataOption);
    }
    if (site.built()) {
      System.out.printf("  Web page   %s%n", webUrl());
      System.out.printf("  API docs   %s%n", docsUrl());
    } else {
      System.out.printf("  Web page   not built: %s has no index.html (./filestore local builds it)%n", options.web());
    }
    System.out.printf("  S3         %s%n", emulators.s3Endpoint());
    System.out.printf("  DynamoDB   %s%n", emulators.dynamoEndpoint());
    System.out.printf("  AWS APIs   %s   (SSM, SNS and Lambda Invoke; settings under %s/)%n", services.endpoint(),
        LocalEnvironment.SETTINGS_PREFIX);
    System.out.printf("  Processing %s   (./filestore admin status | admin processing on|off)%n", processingState());
    System.out.printf("  Receiver   %s   (answers %s; ./filestore receiver 200|500|429|400|timeout)%n", receiverUrl(),
        receiver.currentAnswer().label());
    System.out.printf("  SNS log    %s   (each message published to %s)%n", services.sns().logFile(LocalEnvironment.TOPIC), topic);
    if (!seeded.created().isEmpty()) {
      System.out.printf("  Settings   made: %s%n", String.join(", ", seeded.created()));
    }
    if (!seeded.moved().isEmpty()) {
      System.out.printf("  Settings   %s now points at this start's receiver%n", String.join(", ", seeded.moved()));
    }
    System.out.printf("  Data       %s   (the same facts as JSON: local.json)%n", data);
    System.out.printf("Ctrl-C stops it; the next start sees every file again.%n%n");
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + gateway.port();
  }

  String webUrl() {
    return apiUrl() + "/";
  }

  String docsUrl() {
    return apiUrl() + "/docs/";
  }

  public String apiKey() {
    return keys.first().value();
  }

  String jwksUrl() {
    return apiUrl() + Gateway.JWKS_PATH;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable resource : running) {
      try {
        resource.close();
      } catch (Exception e) {
        log("while stopping: " + e);
      }
    }
    running.clear();
    if (artifact != null) {
      try {
        artifact.close();
      } catch (IOException e) {
        log("while stopping: " + e);
      }
      artifact = null;
    }
  }

  /** The bucket and table exist before any function starts; created on the first run only. */
  private void prepare() {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, Emulators.SECRET_KEY));
    try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(emulators.s3Endpoint())
            .region(Region.of(Emulators.REGION)).credentialsProvider(credentials).forcePathStyle(true).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(emulators.dynamoEndpoint()).region(Region.of(Emulators.REGION)).credentialsProvider(credentials).build()) {
      try {
        s3.headBucket(b -> b.bucket(NAME));
      } catch (NoSuchBucketException e) {
        s3.createBucket(b -> b.bucket(NAME));
      }
      try {
        dynamo.describeTable(b -> b.tableName(NAME));
      } catch (ResourceNotFoundException e) {
        dynamo.createTable(FileTable.createTableRequest(NAME));
        dynamo.updateTimeToLive(b -> b.tableName(NAME).timeToLiveSpecification(
            TimeToLiveSpecification.builder().attributeName(FileTable.TTL).enabled(true).build()));
      }
    }
  }

  /**
   * Each function gets, in one event, the records of the batch that its trigger subscribes (event name
   * and key prefix), as S3 delivers them.
   */
  private void deliver(Wiring wiring, Map<String, FunctionHost> hosts, List<S3Notifications.Record> batch) {
    for (Wiring.Function function : wiring.functions()) {
      if (!function.triggerType().equals("s3") || !hosts.containsKey(function.name())) {
        continue;
      }
      S3Notifications.Record[] records = batch.stream()
          .filter(r -> r.key().startsWith(wiring.keyPrefix()) && subscribes(function, r.eventName()))
          .toArray(S3Notifications.Record[]::new);
      if (records.length == 0) {
        continue;
      }
      try {
        hosts.get(function.name()).invoke(emulators.notifications().toJson(records));
      } catch (RuntimeException e) {
        log(function.name() + " failed on " + records.length + " record(s), the first " + records[0].eventName()
            + " " + records[0].key() + ": " + e);
      }
    }
  }

  private static boolean subscribes(Wiring.Function function, String eventName) {
    for (var pattern : function.trigger().path("events")) {
      String p = pattern.asText().replaceFirst("^s3:", "");
      if (p.endsWith("*") ? eventName.startsWith(p.substring(0, p.length() - 1)) : eventName.equals(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The period of each scheduled function: --NAME-every, else the local rate, else the wiring's rate. A
   * --NAME-every that names no scheduled function is a mistake worth stopping for.
   */
  Map<String, Duration> schedules(Wiring wiring) {
    Map<String, Duration> periods = new LinkedHashMap<>();
    for (Wiring.Function function : wiring.functions()) {
      if (function.triggerType().equals("schedule")) {
        periods.put(function.name(), options.every().getOrDefault(function.name(),
            LOCAL_RATES.getOrDefault(function.name(), rate(function.trigger().path("expression").asText()))));
      }
    }
    for (String name : options.every().keySet()) {
      if (!periods.containsKey(name)) {
        throw new IllegalArgumentException("--" + name + "-every: the wiring schedules no function '" + name + "' (it schedules "
            + String.join(", ", periods.keySet()) + ")");
      }
    }
    return periods;
  }

  private void schedule(Wiring wiring, Map<String, FunctionHost> hosts, Map<String, Duration> periods) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("schedules"));
    running.add(1, timer::shutdownNow);
    for (Wiring.Function function : wiring.functions()) {
      if (!periods.containsKey(function.name())) {
        continue;
      }
      Duration every = periods.get(function.name());
      String event = """
          {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",
           "time":"%s","region":"%s","resources":["arn:aws:events:%s:000000000000:rule/filestore-%s-local"],"detail":{}}""";
      timer.scheduleAtFixedRate(() -> {
        try {
          String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
          hosts.get(function.name()).invoke(event.formatted(java.util.UUID.randomUUID(), now, Emulators.REGION,
              Emulators.REGION, function.name()));
        } catch (RuntimeException e) {
          log(function.name() + " failed on its schedule: " + e);
        }
      }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
      log(function.name() + " runs every " + every.toSeconds() + " s");
    }
  }

  /** The stand-in processing endpoint, on the API's port. */
  String receiverUrl() {
    return "http://127.0.0.1:" + options.port() + RECEIVER_PATH;
  }

  /** The SSM, SNS and Lambda emulators, for tests that look at the settings, the topic or the functions. */
  AwsServices services() {
    return services;
  }

  ProcessingReceiver receiver() {
    return receiver;
  }

  private String processingState() {
    String enabled = services.ssm().find(LocalSettings.name(LocalSettings.ENABLED)).map(p -> p.value()).orElse("false");
    String endpoint = services.ssm().find(LocalSettings.name(LocalSettings.ENDPOINT)).map(p -> p.value()).orElse("none");
    String target = endpoint.equals(receiverUrl()) ? "the receiver" : endpoint;
    return "true".equalsIgnoreCase(enabled.trim()) ? "on: each upload's job goes to " + target
        : "off: uploads get SKIPPED jobs (the endpoint is " + target + ")";
  }

  /** One line per published message, so that a developer sees outcomes as they happen. */
  private static void logPublished(Topics.Notification n) {
    StringBuilder line = new StringBuilder("SNS ").append(n.topicName());
    n.attributes().forEach((name, a) -> line.append(' ').append(name).append('=').append(a.value()));
    String message = n.message().replaceAll("\\s+", " ");
    line.append(' ').append(message.length() > 500 ? message.substring(0, 500) + "..." : message);
    log(line.toString());
  }

  private void writeLocalJson(String topicArn) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode facts = json.createObjectNode();
    facts.put("apiUrl", apiUrl());
    facts.put("apiKey", keys.first().value());
    facts.put("apiKeyId", keys.first().id());
    facts.put("webUrl", webUrl());
    facts.put("docsUrl", docsUrl());
    facts.put("s3Endpoint", emulators.s3Endpoint().toString());
    facts.put("dynamodbEndpoint", emulators.dynamoEndpoint().toString());
    facts.put("bucket", NAME);
    facts.put("table", NAME);
    facts.put("region", Emulators.REGION);
    facts.put("accessKeyId", Emulators.ACCESS_KEY);
    facts.put("secretAccessKey", Emulators.SECRET_KEY);
    facts.put("auth", options.auth().label());
    facts.put("issuer", pool.issuer());
    facts.put("userPoolId", pool.id());
    facts.put("userPoolClientId", pool.clientId());
    facts.put("jwksUrl", jwksUrl());
    facts.put("awsEndpoint", services.endpoint().toString());
    facts.put("settingsPrefix", LocalEnvironment.SETTINGS_PREFIX);
    facts.put("topicArn", topicArn);
    facts.put("snsLog", services.sns().logFile(LocalEnvironment.TOPIC).toString());
    facts.put("receiverUrl", receiverUrl());
    facts.put("receiverControlUrl", receiverUrl() + "/control");
    facts.put("receiverCallsUrl", receiverUrl() + "/calls");
    // Written aside and moved into place, so that a script polling for local.json never reads half of it.
    Path partial = options.data().resolve("local.json.partial");
    Files.writeString(partial, json.writerWithDefaultPrettyPrinter().writeValueAsString(facts));
    Files.move(partial, options.data().resolve("local.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void ensureFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " is in use; stop what uses it or pass --port N (Filestore uses N to N+"
          + (PORTS - 1) + ")");
    }
  }

  /** EventBridge's rate(N unit) and the --expire-every form (10s, 5m, 1h). */
  static Duration rate(String expression) {
    Matcher m = Pattern.compile("rate\\((\\d+) (second|minute|hour|day)s?\\)").matcher(expression.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported schedule expression '" + expression + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "second" -> Duration.ofSeconds(n);
      case "minute" -> Duration.ofMinutes(n);
      case "hour" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  static Duration duration(String option, String text) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(option + " takes a duration such as 10s, 5m or 1h, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  static void log(String message) {
    System.out.println("filestore local: " + message);
  }
}
