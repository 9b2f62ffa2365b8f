package io.filestore.ports;

import io.filestore.domain.processing.ProcessingSettings;

/**
 * The settings administrators change at run time (SSM Parameter Store on AWS). Reads may be served from
 * a short cache, so a change reaches other function instances within the cache time.
 */
public interface Settings {

  ProcessingSettings processing();

  /** Writes the processing switch; this instance's next read sees it. */
  void setProcessingEnabled(boolean enabled);
}
