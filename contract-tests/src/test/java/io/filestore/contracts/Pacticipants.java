package io.filestore.contracts;

/** The names in Filestore's pacts: one per function, plus the clients and AWS's event sources. */
public final class Pacticipants {
  public static final String API = "filestore-api";
  public static final String OBJECT_CREATED = "filestore-object-created";
  public static final String OBJECT_REMOVED = "filestore-object-removed";
  public static final String EXPIRE = "filestore-expire";
  public static final String PROCESS = "filestore-process";
  public static final String RETRY = "filestore-retry";
  /** What starts a queued job: LambdaJobStarter's asynchronous Invoke of the process function. */
  public static final String JOB_STARTER = "filestore-job-starter";
  /**
   * The processing pipeline (the process and retry functions together): it publishes outcomes and calls the
   * endpoint. Not a function of the wiring, because both functions send the same message and the same call.
   */
  public static final String PROCESSING = "filestore-processing";
  /** Whoever subscribes to the outcome topic. */
  public static final String OUTCOME_SUBSCRIBER = "outcome-subscriber";
  /** The partner's processing endpoint the webhook goes to. */
  public static final String PROCESSING_ENDPOINT = "processing-endpoint";
  /** S3 as the source of event notifications. */
  public static final String S3 = "aws-s3";
  /** An operator invoking functions directly (./filestore invoke, the console, aws lambda invoke). */
  public static final String OPERATOR = "filestore-operator";

  private Pacticipants() {}
}
