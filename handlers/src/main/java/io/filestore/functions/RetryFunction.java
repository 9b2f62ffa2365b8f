package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.filestore.config.Env;
import io.filestore.domain.processing.JobRun;
import io.filestore.domain.processing.JobRunner;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.ports.JobRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * On a schedule: runs the jobs that are due (QUEUED ones whose start was lost, FAILED ones whose backoff
 * has passed, RUNNING ones whose lease ended), found with a query on the sparse due index, never a scan.
 * Each is claimed with a conditional write, so runs that overlap, or a retry racing a start or a
 * reprocess, make one call per attempt. Invoke it with {@code "detail": {"dryRun": true}} to count only.
 */
public final class RetryFunction implements RequestHandler<ScheduledEvent, RetryReport> {
  /** Jobs run side by side; each waits on the endpoint, not on this function's CPU. */
  private static final int PARALLEL = 4;

  private final JobRepository jobs;
  private final JobRunner runner;
  private final Clock clock;
  private final int maxPerRun;
  private final JsonLog log;
  private final ExecutorService workers = Executors.newFixedThreadPool(PARALLEL, r -> {
    Thread t = new Thread(r, "filestore-retry");
    t.setDaemon(true);
    return t;
  });

  public RetryFunction() {
    this(System.getenv());
  }

  public RetryFunction(Map<String, String> environment) {
    this(new Env(environment), new JsonLog("retry", System.out));
  }

  private RetryFunction(Env env, JsonLog log) {
    this(env, new Backends(env), log, Clock.systemUTC(), new java.util.Random());
  }

  /** The seam tests use: real configuration and adapters, with a clock and a jitter of their choice. */
  RetryFunction(Env env, Backends backends, JsonLog log, Clock clock, java.util.random.RandomGenerator jitter) {
    this(backends.jobs, Processing.runner(env, backends, log, clock, jitter), clock,
        (int) env.number("RETRY_MAX_PER_RUN", 100, 1, 1000), log);
  }

  RetryFunction(JobRepository jobs, JobRunner runner, Clock clock, int maxPerRun, JsonLog log) {
    this.jobs = jobs;
    this.runner = runner;
    this.clock = clock;
    this.maxPerRun = maxPerRun;
    this.log = log;
  }

  @Override
  public RetryReport handleRequest(ScheduledEvent event, Context context) {
    log.begin(context == null ? null : context.getAwsRequestId());
    boolean dryRun = ScheduledDetail.dryRun(event);
    List<ProcessingJob> due = jobs.due(clock.instant(), maxPerRun);
    List<JobRun> runs = new ArrayList<>();
    int errors = 0;
    if (!dryRun) {
      long remaining = context == null ? Long.MAX_VALUE / 2 : context.getRemainingTimeInMillis();
      // No job starts too late to finish before the invocation's deadline; those left stay due for the next run.
      long lastStart = System.nanoTime() + Math.max(0, remaining - runner.longestAttempt().toMillis()) * 1_000_000;
      List<Future<JobRun>> started = new ArrayList<>();
      for (ProcessingJob job : due) {
        started.add(workers.submit(() -> System.nanoTime() - lastStart > 0 ? JobRun.untouched(job) : runner.run(job)));
      }
      for (int i = 0; i < started.size(); i++) {
        try {
          runs.add(started.get(i).get());
        } catch (ExecutionException e) {
          errors++;
          log.error("A due job could not be run; it stays due", e.getCause(), "fileId", due.get(i).fileId());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while running due jobs", e);
        }
      }
    }
    RetryReport report = new RetryReport(dryRun, due.size(), runs, errors, due.size() == maxPerRun);
    log.info("Retry run finished", "dryRun", String.valueOf(dryRun), "due", report.getDue(), "succeeded", report.getSucceeded(),
        "failed", report.getFailed(), "rejected", report.getRejected(), "dead", report.getDead(),
        "abandoned", report.getAbandoned(), "skipped", report.getSkipped(), "paused", report.getPaused(),
        "errors", report.getErrors(), "more", String.valueOf(report.isMore()));
    return report;
  }
}
