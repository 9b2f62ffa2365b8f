package io.filestore.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SSM Parameter Store, SNS and Lambda Invoke on one loopback port, each on its real wire protocol, so that
 * the SDK clients and hand-signed requests work against it unchanged. Every request must carry a valid
 * SigV4 signature by the emulators' key ({@link Emulators#ACCESS_KEY}) for the service it calls, or it gets
 * that service's authentication error. Point {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL_SNS}
 * and {@code AWS_ENDPOINT_URL_LAMBDA} at {@link #endpoint()}.
 */
public final class AwsServices implements AutoCloseable {
  /** The account in every ARN these services make. */
  public static final String ACCOUNT = "000000000000";
  /** Above Lambda's 6 MB synchronous payload, so that the limit is answered as Lambda answers it. */
  private static final int MAX_BODY = 7 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ParameterStore parameters;
  private final Topics topics;
  private final LambdaFunctions functions;
  private final SsmProtocol ssm;
  private final SnsProtocol sns;
  private final LambdaProtocol lambda;
  private final SigV4Verifier verifier;

  private AwsServices(HttpServer server, ExecutorService executor, ParameterStore parameters, Topics topics, LambdaFunctions functions) {
    this.server = server;
    this.executor = executor;
    this.parameters = parameters;
    this.topics = topics;
    this.functions = functions;
    this.ssm = new SsmProtocol(parameters);
    this.sns = new SnsProtocol(topics);
    this.lambda = new LambdaProtocol(functions);
    this.verifier = new SigV4Verifier(Emulators.ACCESS_KEY, Emulators.SECRET_KEY, Emulators.REGION, Clock.systemUTC());
  }

  /**
   * @param dataDir where SSM parameters ({@code ssm/parameters.json}) and SNS messages ({@code sns/<topic>.jsonl})
   *     persist, or null for memory only
   * @param port the port on 127.0.0.1, or 0 for any free port
   */
  public static AwsServices start(Path dataDir, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (BindException e) {
      throw new IllegalStateException("port " + port + " is in use; the SSM, SNS and Lambda emulators need it", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "aws-services");
      t.setDaemon(true);
      return t;
    });
    AwsServices services = new AwsServices(server, executor,
        new ParameterStore(dataDir == null ? null : dataDir.resolve("ssm").resolve("parameters.json")),
        new Topics(dataDir == null ? null : dataDir.resolve("sns")), new LambdaFunctions());
    server.setExecutor(executor);
    server.createContext("/", services::handle);
    server.start();
    return services;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** SSM Parameter Store's parameters; seed them from Java with {@link ParameterStore#put}. */
  public ParameterStore ssm() {
    return parameters;
  }

  /** SNS's topics; create them from Java with {@link Topics#createTopic} and listen with {@link Topics#onPublish}. */
  public Topics sns() {
    return topics;
  }

  /** What Lambda Invoke reaches; register functions with {@link LambdaFunctions#register}. */
  public LambdaFunctions lambda() {
    return functions;
  }

  /** Lets queued Event invocations finish (they may still call SSM and SNS), then stops. */
  @Override
  public void close() {
    try {
      functions.close();
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      byte[] body = readBody(exchange.getRequestBody());
      ServiceRequest request = new ServiceRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
          exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
          body == null ? new byte[0] : body, requestId);
      ServiceResponse response = serve(request, body == null);
      response = response.with("x-amzn-RequestId", requestId);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      boolean empty = response.body().length == 0;
      exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  /** Routes by the protocol's own marks: Lambda's REST path, SSM's target header, or else SNS's Query form. */
  private ServiceResponse serve(ServiceRequest request, boolean tooLarge) {
    if (request.rawPath().startsWith(LambdaProtocol.PATH_PREFIX)) {
      try {
        if (tooLarge) {
          throw new AwsError(413, "RequestEntityTooLargeException",
              "Request must be smaller than " + LambdaProtocol.MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
        }
        check("lambda", request, LambdaProtocol::unauthorized);
        return lambda.handle(request);
      } catch (AwsError e) {
        return lambda.error(e);
      } catch (RuntimeException e) {
        return lambda.error(new AwsError(500, "ServiceException", "The emulator failed: " + e, false));
      }
    }
    String target = request.header("X-Amz-Target");
    if (target != null && target.startsWith(SsmProtocol.TARGET_PREFIX)) {
      try {
        if (tooLarge) {
          throw new AwsError(413, "RequestEntityTooLargeException", "Request is too large");
        }
        check("ssm", request, SsmProtocol::unauthorized);
        return ssm.handle(request);
      } catch (AwsError e) {
        return ssm.error(e);
      } catch (RuntimeException e) {
        return ssm.error(new AwsError(500, "InternalServerError", "The emulator failed: " + e, false));
      }
    }
    if (request.rawPath().equals("/") && (target == null || target.isEmpty())) {
      try {
        if (tooLarge) {
          throw new AwsError(413, "RequestEntityTooLarge", "Request is too large");
        }
        check("sns", request, SnsProtocol::unauthorized);
        return sns.handle(request);
      } catch (AwsError e) {
        return sns.error(e, request.requestId());
      } catch (RuntimeException e) {
        return sns.error(new AwsError(500, "InternalError", "The emulator failed: " + e, false), request.requestId());
      }
    }
    return ServiceResponse.of(404, "application/json",
        "{\"message\":\"No emulated service here: SSM (X-Amz-Target AmazonSSM.*), SNS (POST / with Action) or Lambda (/2015-03-31/functions/...)\"}");
  }

  private void check(String service, ServiceRequest request, java.util.function.Function<SigV4Verifier.Rejection, AwsError> refusal) {
    SigV4Verifier.Rejection rejection = verifier.verify(service, request);
    if (rejection != null) {
      throw refusal.apply(rejection);
    }
  }

  /** @return null when the body is larger than any of the services accepts */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      in.transferTo(OutputStream.nullOutputStream());
      return null;
    }
    return bytes;
  }
}
