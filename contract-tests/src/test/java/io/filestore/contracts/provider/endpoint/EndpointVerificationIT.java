package io.filestore.contracts.provider.endpoint;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.filestore.contracts.Pacticipants;
import io.filestore.domain.processing.WebhookSignature;
import io.filestore.emulators.ProcessingReceiver;
import io.filestore.emulators.ProcessingReceiver.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook contract verified as a partner would verify it, with the test receiver standing in for the
 * partner's endpoint: it checks every request's signature with its own secret (401 if it does not verify)
 * before answering as the provider state told it. The pact's signature is an example made with no real
 * secret at no real time, so each request is re-signed with the partner's secret, now, before it is sent,
 * as a partner's verification adds its own secret; the body is signed exactly as it goes on the wire.
 */
@Provider(Pacticipants.PROCESSING_ENDPOINT)
@PactFolder("${pact.dir}")
class EndpointVerificationIT {
  private static final String PARTNER_SECRET = "partner-secret-for-the-contract";
  private static ProcessingReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = ProcessingReceiver.start(0, PARTNER_SECRET);
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    // The contract's path goes under the receiver's base path: /receiver/processing.
    context.setTarget(new HttpTestTarget(receiver.url().getHost(), receiver.url().getPort(), receiver.basePath()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void verify(PactVerificationContext context, ClassicHttpRequest request) throws IOException, ParseException {
    String body = EntityUtils.toString(request.getEntity(), StandardCharsets.UTF_8);
    request.setHeader(WebhookSignature.HEADER,
        WebhookSignature.sign(PARTNER_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), body));
    context.verifyInteraction();
  }

  @State("the endpoint accepts jobs")
  public void accepts() {
    receiver.answer(Answer.OK);
  }

  @State("the endpoint is failing")
  public void failing() {
    receiver.answer(Answer.SERVER_ERROR);
  }

  @State("the endpoint is throttling")
  public void throttling() {
    receiver.answer(Answer.TOO_MANY_REQUESTS);
  }

  @State("the endpoint refuses the job")
  public void refusing() {
    receiver.answer(Answer.BAD_REQUEST);
  }
}
