package io.filestore.ports;

import io.filestore.domain.processing.JobOutcome;

/** Where job outcomes are published for subscribers (an SNS topic on AWS). */
public interface Notifier {

  /** @throws RuntimeException when the outcome could not be published */
  void publish(JobOutcome outcome);
}
