package io.filestore.functions;

import static io.filestore.functions.DomainCalls.call;
import static io.filestore.functions.DomainCalls.time;

import io.filestore.api.ProcessingApi;
import io.filestore.api.model.Job;
import io.filestore.api.model.JobAttempt;
import io.filestore.api.model.JobCounts;
import io.filestore.api.model.JobHistory;
import io.filestore.api.model.JobStatus;
import io.filestore.api.model.ProcessingStatus;
import io.filestore.api.model.ProcessingSwitch;
import io.filestore.domain.processing.Attempt;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.domain.processing.ProcessingService;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The generated {@link ProcessingApi}, for one caller: converts between the API's DTOs and the domain. */
final class ProcessingResource implements ProcessingApi {
  private final Supplier<ProcessingService> processing;
  private final String caller;
  private final Set<String> groups;

  ProcessingResource(Supplier<ProcessingService> processing, String caller, Set<String> groups) {
    this.processing = processing;
    this.caller = caller;
    this.groups = groups;
  }

  @Override
  public ProcessingStatus getProcessing() {
    return call(() -> status(processing.get().status(caller, groups)));
  }

  @Override
  public ProcessingStatus setProcessing(ProcessingSwitch request) {
    return call(() -> status(processing.get().setEnabled(caller, groups, request.getEnabled())));
  }

  @Override
  public Job reprocessFile(String id) {
    return call(() -> job(processing.get().reprocess(caller, groups, id)));
  }

  @Override
  public JobHistory getFileJobs(String id) {
    return call(() -> {
      var history = processing.get().history(caller, groups, id);
      return new JobHistory(history.fileId(), history.attempts().stream().map(ProcessingResource::attempt).toList())
          .job(history.job() == null ? null : job(history.job()));
    });
  }

  private static ProcessingStatus status(io.filestore.domain.processing.ProcessingStatus s) {
    Map<io.filestore.domain.processing.JobStatus, Long> n = s.counts();
    JobCounts counts = new JobCounts(n.get(io.filestore.domain.processing.JobStatus.QUEUED),
        n.get(io.filestore.domain.processing.JobStatus.SKIPPED), n.get(io.filestore.domain.processing.JobStatus.RUNNING),
        n.get(io.filestore.domain.processing.JobStatus.SUCCEEDED), n.get(io.filestore.domain.processing.JobStatus.FAILED),
        n.get(io.filestore.domain.processing.JobStatus.REJECTED), n.get(io.filestore.domain.processing.JobStatus.DEAD));
    var settings = s.settings();
    return new ProcessingStatus(settings.enabled(), (int) settings.timeout().toSeconds(), settings.maxAttempts(), counts)
        .endpoint(settings.endpoint() == null ? null : settings.endpoint().toString());
  }

  static Job job(ProcessingJob j) {
    return new Job(j.fileId(), j.jobId(), JobStatus.fromValue(j.status().name()), j.attempt(), time(j.createdAt()),
        time(j.updatedAt()))
        .nextAttemptAt(time(j.nextAttemptAt())).lastStatusCode(j.lastStatusCode()).lastError(j.lastError()).result(j.result());
  }

  private static JobAttempt attempt(Attempt a) {
    return new JobAttempt(a.jobId(), a.attempt(), JobStatus.fromValue(a.outcome().name()), a.duration().toMillis(), time(a.at()))
        .statusCode(a.statusCode()).error(a.error());
  }
}
