package io.filestore.contracts;

import au.com.dius.pact.provider.junit5.MessageTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider verification of message and synchronous-message pacts: each interaction is answered by the
 * subclass's {@code @PactVerifyProvider} method for its description. Pact finds those methods by
 * scanning a package, so each provider's verification lives in a package of its own (two providers
 * answering the same description in one package would both be called).
 */
public abstract class MessageVerification {
  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void verify(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(new MessageTestTarget(List.of(getClass().getPackageName())));
  }
}
