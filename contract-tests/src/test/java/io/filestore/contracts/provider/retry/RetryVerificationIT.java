package io.filestore.contracts.provider.retry;

import au.com.dius.pact.core.model.v4.MessageContents;
import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.filestore.contracts.LambdaRuntime;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import io.filestore.contracts.Pipeline;
import io.filestore.domain.processing.JobStatus;
import io.filestore.emulators.ProcessingReceiver.Answer;
import io.filestore.functions.LocalAws;
import io.filestore.functions.RetryFunction;
import io.filestore.functions.RetryReport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retry function verifies its direct-invocation contracts: the real function, built from its
 * environment, invoked through the Lambda serializer against the emulators, with the real clock.
 */
@Provider(Pacticipants.RETRY)
@PactFolder("${pact.dir}")
@ExtendWith(LocalAws.class)
class RetryVerificationIT extends MessageVerification {
  private LocalAws.Space space = LocalAws.newSpace(Map.of());

  /**
   * A file lands while the endpoint answers 500, through the real functions, so its job is FAILED with a
   * backoff; then the endpoint recovers. The job's wait is real: the space's RETRY_BASE_SECONDS is 1, so
   * the first retry is due within a second, and the state waits for it rather than moving a clock.
   */
  @State("a file's job failed and is due for a retry, and the endpoint now accepts it")
  public void failedJobDue() {
    space = LocalAws.newSpace(Map.of("RETRY_BASE_SECONDS", "1"));
    Pipeline pipeline = new Pipeline(space);
    String fileId = UUID.randomUUID().toString().replace("-", "");
    LocalAws.receiver().answer(Answer.SERVER_ERROR);
    pipeline.land(fileId, "application/pdf", 64);
    if (pipeline.job(fileId).status() != JobStatus.FAILED) {
      throw new IllegalStateException("the first attempt should have failed: " + pipeline.job(fileId));
    }
    LocalAws.receiver().answer(Answer.OK);
    pipeline.awaitDue(fileId);
  }

  /** The receiver is shared by the test JVM: leave it answering 200, as every space expects. */
  @AfterEach
  void endpointAccepts() {
    LocalAws.receiver().answer(Answer.OK);
  }

  private MessageAndMetadata invoke(MessageContents request) {
    return LambdaRuntime.invoke(new RetryFunction(space.env()), ScheduledEvent.class, RetryReport.class,
        request.getContents().getValue());
  }

  @PactVerifyProvider("a scheduled run of retry")
  public MessageAndMetadata scheduled(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a dry run of retry")
  public MessageAndMetadata dryRun(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a run of retry with an invalid dryRun flag")
  public MessageAndMetadata invalid(MessageContents request) {
    return invoke(request);
  }
}
