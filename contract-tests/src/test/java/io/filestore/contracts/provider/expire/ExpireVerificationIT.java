package io.filestore.contracts.provider.expire;

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
import io.filestore.contracts.Seeds;
import io.filestore.domain.SweepReport;
import io.filestore.functions.ExpireFunction;
import io.filestore.functions.LocalAws;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expire function verifies its direct-invocation contracts: the real function, against the emulators. */
@Provider(Pacticipants.EXPIRE)
@PactFolder("${pact.dir}")
@ExtendWith(LocalAws.class)
class ExpireVerificationIT extends MessageVerification {
  private LocalAws.Space space = LocalAws.newSpace(Map.of());

  @State("two unstored files are past their expiry")
  public void twoExpired() {
    space = LocalAws.newSpace(Map.of());
    Seeds seeds = new Seeds(space);
    seeds.expired(UUID.randomUUID().toString().replace("-", ""));
    seeds.expired(UUID.randomUUID().toString().replace("-", ""));
  }

  private MessageAndMetadata invoke(MessageContents request) {
    return LambdaRuntime.invoke(new ExpireFunction(space.env()), ScheduledEvent.class, SweepReport.class,
        request.getContents().getValue());
  }

  @PactVerifyProvider("a scheduled run of expire")
  public MessageAndMetadata scheduled(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a dry run of expire")
  public MessageAndMetadata dryRun(MessageContents request) {
    return invoke(request);
  }

  @PactVerifyProvider("a run of expire with an invalid dryRun flag")
  public MessageAndMetadata invalid(MessageContents request) {
    return invoke(request);
  }
}
