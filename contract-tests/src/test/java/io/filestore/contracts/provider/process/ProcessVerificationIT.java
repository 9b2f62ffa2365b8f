package io.filestore.contracts.provider.process;

import au.com.dius.pact.core.model.v4.MessageContents;
import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.filestore.contracts.LambdaRuntime;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import io.filestore.contracts.Pipeline;
import io.filestore.contracts.Seeds;
import io.filestore.domain.processing.JobStatus;
import io.filestore.emulators.ProcessingReceiver.Answer;
import io.filestore.functions.JobRunReport;
import io.filestore.functions.Lambda;
import io.filestore.functions.LocalAws;
import io.filestore.functions.ProcessFunction;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The process function verifies the job starter's contract: the real function, built from its
 * environment, invoked through the Lambda serializer, calling the test receiver and publishing to the
 * in-process SNS.
 */
@Provider(Pacticipants.PROCESS)
@PactFolder("${pact.dir}")
@ExtendWith(LocalAws.class)
class ProcessVerificationIT extends MessageVerification {
  private LocalAws.Space space = LocalAws.newSpace(Map.of());

  /**
   * The file lands through the real object-created function, which queues the job; its start is held in
   * Lambda's queue (the space's process function does nothing), so the job is still QUEUED when the
   * contract's start arrives.
   */
  @State("a landed file whose job is queued, and the endpoint accepts it")
  public void queuedJob(Map<String, Object> params) {
    space = LocalAws.newSpace(Map.of());
    Pipeline pipeline = new Pipeline(space);
    pipeline.holdStarts();
    String fileId = String.valueOf(params.get("fileId"));
    pipeline.land(fileId, "application/pdf", 64);
    if (pipeline.job(fileId).status() != JobStatus.QUEUED) {
      throw new IllegalStateException("the job should be queued: " + pipeline.job(fileId));
    }
    LocalAws.receiver().answer(Answer.OK);
  }

  /** A PENDING file: its bytes never came, so no job was queued. */
  @State("a file with no job")
  public void fileWithoutJob(Map<String, Object> params) {
    space = LocalAws.newSpace(Map.of());
    new Seeds(space).pending(String.valueOf(params.get("fileId")), "application/pdf", 64, false);
  }

  private MessageAndMetadata invoke(MessageContents request) {
    return LambdaRuntime.invoke(new ProcessFunction(space.env()), Lambda.MAP, JobRunReport.class,
        request.getContents().getValue());
  }

  @PactVerifyProvider("a start of a queued job")
  public MessageAndMetadata queued(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a start for a file with no job")
  public MessageAndMetadata noJob(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a start with an invalid file id")
  public MessageAndMetadata invalid(MessageContents request) {
    return invoke(request);
  }
}
