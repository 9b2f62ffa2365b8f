package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.filestore.api.ApiProblem;
import io.filestore.api.ApiRouting;
import io.filestore.api.CollectionsApiDispatcher;
import io.filestore.api.FilesApiDispatcher;
import io.filestore.api.ProcessingApiDispatcher;
import io.filestore.config.Env;
import io.filestore.domain.CollectionService;
import io.filestore.domain.FilePolicy;
import io.filestore.domain.FileService;
import io.filestore.domain.IdGenerator;
import io.filestore.domain.processing.JobQueue;
import io.filestore.domain.processing.ProcessingService;
import io.filestore.ports.Settings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The REST API: one function for every route. One function keeps one warm pool for the whole API
 * (fewer cold starts than one function per route) and the dispatcher adds no measurable cost.
 */
public final class ApiFunction implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final String DEFAULT_CONTENT_TYPES =
      "image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain,text/csv,application/json,application/zip";

  /** Every route of the API, for telling a wrong method (405) from an unknown path (404). */
  private static final List<String> ROUTES = routes();

  private final FileService files;
  private final CollectionService collections;
  private final Supplier<ProcessingService> processing;
  private final List<String> corsOrigins;
  private final JsonLog log;

  public ApiFunction() {
    this(System.getenv());
  }

  public ApiFunction(Map<String, String> environment) {
    this(new Env(environment));
  }

  private ApiFunction(Env env) {
    this(env, new Backends(env), new JsonLog("api", System.out));
  }

  /** The seam tests use: real configuration, with adapters of their choice. */
  ApiFunction(Env env, Backends backends, JsonLog log) {
    FilePolicy policy = new FilePolicy(env.list("ALLOWED_CONTENT_TYPES", DEFAULT_CONTENT_TYPES),
        env.number("MAX_FILE_SIZE_BYTES", 5L << 30, 0, 5L << 30));
    var uploadTtl = env.seconds("UPLOAD_URL_TTL_SECONDS", 900, 60, 43_200);
    var unstoredTtl = env.seconds("UNSTORED_FILE_TTL_SECONDS", 86_400, 300, 30L * 86_400);
    if (unstoredTtl.compareTo(uploadTtl) <= 0) {
      throw new Env.ConfigurationException("UNSTORED_FILE_TTL_SECONDS must be longer than UPLOAD_URL_TTL_SECONDS");
    }
    var downloadMaxTtl = env.seconds("DOWNLOAD_URL_MAX_TTL_SECONDS", 3600, 1, 43_200);
    Clock clock = Clock.systemUTC();
    IdGenerator ids = new IdGenerator(new SecureRandom());
    this.files = new FileService(backends.files, backends.collections, backends.objects, policy, clock, ids,
        Backends.WORKERS, uploadTtl, unstoredTtl, downloadMaxTtl);
    this.collections = new CollectionService(backends.collections, policy, clock, ids);
    // Built on the first processing request: uploads and downloads never load the settings store's code.
    JobQueue queue = Processing.queue(env, backends, log, clock);
    Settings settings = backends.settings(env, false);
    this.processing = memoized(() -> new ProcessingService(settings, backends.jobs, backends.files, files, queue));
    this.corsOrigins = env.list("CORS_ALLOW_ORIGIN", "*");
    this.log = log;
  }

  private static <T> Supplier<T> memoized(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  private static List<String> routes() {
    List<String> routes = new ArrayList<>(FilesApiDispatcher.ROUTES);
    routes.addAll(CollectionsApiDispatcher.ROUTES);
    routes.addAll(ProcessingApiDispatcher.ROUTES);
    return List.copyOf(routes);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
        ? event.getRequestContext().getRequestId() : context == null ? null : context.getAwsRequestId();
    log.begin(requestId);
    APIGatewayProxyResponseEvent response;
    try {
      response = dispatch(event);
    } catch (RuntimeException e) {
      log.error("Unhandled failure", e, "method", event.getHttpMethod(), "path", event.getPath());
      response = ApiRouting.problem(ApiProblem.internal("An unexpected failure; nothing was half-written, so retrying is safe."), event);
    }
    response.getHeaders().put("Access-Control-Allow-Origin", allowOrigin(corsOrigins, header(event, "Origin")));
    response.getHeaders().put("Vary", "Origin");
    if (requestId != null) {
      response.getHeaders().put("X-Request-Id", requestId);
    }
    log.info("Answered", "method", event.getHttpMethod(), "path", event.getPath(), "status", response.getStatusCode(),
        "fileId", event.getPathParameters() == null ? null : event.getPathParameters().get("id"));
    return response;
  }

  /**
   * The Access-Control-Allow-Origin of an answer: "*" when the configured origins (CORS_ALLOW_ORIGIN,
   * comma-separated) include it, the request's Origin when it is one of them (compared exactly:
   * scheme, host and port), otherwise the first of them, which a browser at another origin refuses.
   */
  static String allowOrigin(List<String> allowed, String requestOrigin) {
    if (allowed.contains("*")) {
      return "*";
    }
    return requestOrigin != null && allowed.contains(requestOrigin) ? requestOrigin : allowed.get(0);
  }

  /** A request header by name, whatever its case (HTTP/2 clients send lowercase names). */
  private static String header(APIGatewayProxyRequestEvent event, String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return null;
    }
    String value = headers.get(name);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (name.equalsIgnoreCase(h.getKey())) {
        return h.getValue();
      }
    }
    return null;
  }

  private APIGatewayProxyResponseEvent dispatch(APIGatewayProxyRequestEvent event) {
    String caller = Callers.principal(event);
    if (caller == null) {
      return ApiRouting.problem(new ApiProblem(403, "forbidden", "Forbidden",
          "The request carries no API key or user identity.", null, null), event);
    }
    APIGatewayProxyResponseEvent response = FilesApiDispatcher.dispatch(new FilesResource(files, caller), event);
    if (response == null) {
      response = CollectionsApiDispatcher.dispatch(new CollectionsResource(collections, files, caller), event);
    }
    if (response == null) {
      response = ProcessingApiDispatcher.dispatch(new ProcessingResource(processing, caller, Callers.groups(event)), event);
    }
    if (response != null) {
      return response;
    }
    boolean otherMethod = ApiRouting.pathMatches(event, ROUTES);
    return ApiRouting.problem(otherMethod
        ? new ApiProblem(405, "method-not-allowed", "Method not allowed", event.getHttpMethod() + " is not allowed here", null, null)
        : ApiProblem.notFound("No route " + event.getHttpMethod() + " " + event.getPath()), event);
  }
}
