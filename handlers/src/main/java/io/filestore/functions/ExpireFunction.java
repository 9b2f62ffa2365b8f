package io.filestore.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.filestore.config.Env;
import io.filestore.domain.ExpirySweeper;
import io.filestore.domain.SweepReport;
import java.time.Clock;
import java.util.Map;

/**
 * On a schedule: expires files never stored in time and deletes their objects, and finishes object
 * deletions that failed earlier. Invoke it directly with {@code "detail": {"dryRun": true}} to count
 * without changing anything.
 */
public final class ExpireFunction implements RequestHandler<ScheduledEvent, SweepReport> {
  private static final int PAGE_SIZE = 100;

  private final ExpirySweeper sweeper;
  private final JsonLog log;

  public ExpireFunction() {
    this(System.getenv());
  }

  public ExpireFunction(Map<String, String> environment) {
    this(new Env(environment));
  }

  private ExpireFunction(Env env, JsonLog log) {
    this(sweeper(env, new Backends(env), log, Clock.systemUTC()), log);
  }

  static ExpirySweeper sweeper(Env env, Backends backends, JsonLog log, Clock clock) {
    return new ExpirySweeper(backends.files, backends.objects, clock, PAGE_SIZE,
        (int) env.number("EXPIRE_MAX_PER_RUN", 1000, 1, 100_000), log::warn);
  }

  private ExpireFunction(Env env) {
    this(env, new JsonLog("expire", System.out));
  }

  ExpireFunction(ExpirySweeper sweeper, JsonLog log) {
    this.sweeper = sweeper;
    this.log = log;
  }

  @Override
  public SweepReport handleRequest(ScheduledEvent event, Context context) {
    log.begin(context == null ? null : context.getAwsRequestId());
    boolean dryRun = ScheduledDetail.dryRun(event);
    SweepReport report = sweeper.sweep(dryRun);
    log.info("Sweep finished", "dryRun", String.valueOf(dryRun), "examined", report.getExamined(),
        "expired", report.getExpired(), "purged", report.getPurged(), "skipped", report.getSkipped(),
        "failed", report.getFailed(), "more", String.valueOf(report.isMore()));
    return report;
  }
}
