package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.filestore.config.Env;
import io.filestore.domain.processing.JobRun;
import io.filestore.domain.processing.JobRunner;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a file's queued job, invoked asynchronously with {@code {"fileId": "<id>"}} when the file lands
 * or is reprocessed. Its own function, so the endpoint's latency and timeout never hold up S3 events or
 * API answers, and only its role (and the retry function's) can read the signing secret and publish.
 */
public final class ProcessFunction implements RequestHandler<Map<String, Object>, JobRunReport> {
  private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{32}");

  private final JobRunner runner;
  private final JsonLog log;

  public ProcessFunction() {
    this(System.getenv());
  }

  public ProcessFunction(Map<String, String> environment) {
    this(new Env(environment), new JsonLog("process", System.out));
  }

  private ProcessFunction(Env env, JsonLog log) {
    this(Processing.runner(env, new Backends(env), log, Clock.systemUTC()), log);
  }

  ProcessFunction(JobRunner runner, JsonLog log) {
    this.runner = runner;
    this.log = log;
  }

  @Override
  public JobRunReport handleRequest(Map<String, Object> input, Context context) {
    log.begin(context == null ? null : context.getAwsRequestId());
    Object fileId = input == null ? null : input.get("fileId");
    if (!(fileId instanceof String id) || !FILE_ID.matcher(id).matches()) {
      throw new InvalidEventException("Expected {\"fileId\": \"<32 lowercase hex digits>\"}, not " + input);
    }
    JobRun run = runner.run(id);
    log.info("Job run", "fileId", id, "jobId", run.jobId(), "attempt", run.attempt(), "kind", run.kind().name(),
        "status", run.status() == null ? null : run.status().name());
    return new JobRunReport(run);
  }
}
