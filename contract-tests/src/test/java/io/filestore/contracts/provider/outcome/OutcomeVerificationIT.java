package io.filestore.contracts.provider.outcome;

import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import io.filestore.contracts.Pipeline;
import io.filestore.emulators.ProcessingReceiver.Answer;
import io.filestore.emulators.Topics;
import io.filestore.functions.LocalAws;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processing pipeline verifies the outcome messages its subscribers rely on. Each message is produced
 * by running the real pipeline on the emulators (a file lands, the object-created function starts the job,
 * the process function calls the receiver and publishes) and taking what the in-process SNS received: the
 * message body as the contents, the message attributes as the metadata.
 */
@Provider(Pacticipants.PROCESSING)
@PactFolder("${pact.dir}")
@ExtendWith(LocalAws.class)
class OutcomeVerificationIT extends MessageVerification {
  private Pipeline pipeline;
  private String fileId;

  private void land(Answer answer, Map<String, String> settings) {
    LocalAws.Space space = LocalAws.newSpace(Map.of());
    pipeline = new Pipeline(space);
    settings.forEach((name, value) -> LocalAws.setting(pipeline.name(), name, value));
    fileId = UUID.randomUUID().toString().replace("-", "");
    LocalAws.receiver().answer(answer);
    pipeline.land(fileId, "application/pdf", 2048);
  }

  @State("a PDF landed and the endpoint accepted it")
  public void accepted() {
    land(Answer.OK, Map.of());
  }

  @State("a PDF landed and the endpoint failed")
  public void failing() {
    land(Answer.SERVER_ERROR, Map.of());
  }

  @State("a PDF landed, the endpoint failed and no attempt is left")
  public void lastAttempt() {
    land(Answer.SERVER_ERROR, Map.of("processing/max-attempts", "1"));
  }

  /** The receiver is shared by the test JVM: leave it answering 200, as every space expects. */
  @AfterEach
  void endpointAccepts() {
    LocalAws.receiver().answer(Answer.OK);
  }

  /** The one message the pipeline published about the file, as SNS holds it. */
  private MessageAndMetadata published() {
    List<Topics.Notification> messages = pipeline.published(fileId);
    if (messages.size() != 1) {
      throw new IllegalStateException("expected one outcome for " + fileId + ", got " + messages);
    }
    Topics.Notification notification = messages.get(0);
    Map<String, Object> metadata = new LinkedHashMap<>();
    notification.attributes().forEach((name, attribute) -> metadata.put(name, attribute.value()));
    return new MessageAndMetadata(notification.message().getBytes(StandardCharsets.UTF_8), metadata);
  }

  @PactVerifyProvider("the outcome of a job that succeeded")
  public MessageAndMetadata succeeded() {
    return published();
  }

  @PactVerifyProvider("the outcome of a job that failed and will be retried")
  public MessageAndMetadata failed() {
    return published();
  }

  @PactVerifyProvider("the outcome of a job that is dead")
  public MessageAndMetadata dead() {
    return published();
  }
}
