package io.filestore.ports;

import io.filestore.domain.processing.AttemptResult;
import io.filestore.domain.processing.Webhook;

/** Sends a job's webhook to the processing endpoint. */
public interface ProcessingClient {

  /** Never throws for what the endpoint did (no answer, an error status): that is the result. */
  AttemptResult send(Webhook webhook);
}
