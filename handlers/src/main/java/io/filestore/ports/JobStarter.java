package io.filestore.ports;

/**
 * Starts a queued job now instead of at the next retry run (an asynchronous invocation of the process
 * function on AWS). Best effort: the job is already stored, so a start that is lost only delays it.
 */
public interface JobStarter {

  void start(String fileId);
}
