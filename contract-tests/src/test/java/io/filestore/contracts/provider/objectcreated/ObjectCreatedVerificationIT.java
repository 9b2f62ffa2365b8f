package io.filestore.contracts.provider.objectcreated;

import au.com.dius.pact.core.model.v4.MessageContents;
import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.filestore.contracts.LambdaRuntime;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import io.filestore.contracts.Seeds;
import io.filestore.functions.EventReport;
import io.filestore.functions.LocalAws;
import io.filestore.functions.ObjectCreatedFunction;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The object-created function verifies its direct-invocation contracts against the emulators. */
@Provider(Pacticipants.OBJECT_CREATED)
@PactFolder("${pact.dir}")
@ExtendWith(LocalAws.class)
class ObjectCreatedVerificationIT extends MessageVerification {
  private LocalAws.Space space;

  @State("a pending upload whose bytes are in S3")
  public void pendingUpload(Map<String, Object> params) {
    space = LocalAws.newSpace(String.valueOf(params.get("bucket")), Map.of());
    new Seeds(space).pending(String.valueOf(params.get("id")), "image/jpeg", ((Number) params.get("size")).intValue(), true);
  }

  @PactVerifyProvider("an operator's invoke of object-created with an S3 put event")
  public MessageAndMetadata put(MessageContents request) {
    return LambdaRuntime.invoke(new ObjectCreatedFunction(space.env()), S3Event.class, EventReport.class,
        request.getContents().getValue());
  }
}
