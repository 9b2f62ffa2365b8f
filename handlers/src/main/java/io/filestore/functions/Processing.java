package io.filestore.functions;

import io.filestore.config.Env;
import io.filestore.adapters.http.HttpProcessingClient;
import io.filestore.domain.processing.Backoff;
import io.filestore.domain.processing.JobIds;
import io.filestore.domain.processing.JobQueue;
import io.filestore.domain.processing.JobRunner;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.random.RandomGenerator;

/** How the functions that take part in processing build its pieces from their configuration. */
final class Processing {
  private Processing() {}

  /** What the process and retry functions run jobs with. */
  static JobRunner runner(Env env, Backends backends, JsonLog log, Clock clock) {
    // java.util.Random, because the retry function runs jobs on several threads.
    return runner(env, backends, log, clock, new Random());
  }

  static JobRunner runner(Env env, Backends backends, JsonLog log, Clock clock, RandomGenerator jitter) {
    Backoff backoff = new Backoff(env.seconds("RETRY_BASE_SECONDS", 60, 1, 3600),
        env.seconds("RETRY_MAX_DELAY_SECONDS", 3600, 1, 86_400), jitter);
    return new JobRunner(backends.jobs, backends.files, backends.objects, backends.settings(env, true),
        new HttpProcessingClient(clock), backends.notifier(env), backoff, clock,
        env.seconds("PROCESSING_URL_TTL_SECONDS", 300, 60, 3600),
        (fileId, e) -> log.error("The job's outcome is recorded but could not be published", e, "fileId", fileId));
  }

  /** What the object-created and api functions queue and start jobs with. */
  static JobQueue queue(Env env, Backends backends, JsonLog log, Clock clock) {
    return new JobQueue(backends.jobs, backends.starter(env), new JobIds(new SecureRandom()), clock,
        (fileId, e) -> log.warn("The job is queued but could not be started now; the retry schedule will run it",
            "fileId", fileId, "error", e.toString()));
  }
}
