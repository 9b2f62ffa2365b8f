package io.filestore.contracts;

/** The names in Filestore's pacts: one per function, plus the clients and AWS's event sources. */
public final class Pacticipants {
  public static final String API = "filestore-api";
  public static final String OBJECT_CREATED = "filestore-object-created";
  public static final String OBJECT_REMOVED = "filestore-object-removed";
  public static final String EXPIRE = "filestore-expire";
  /** S3 as the source of event notifications. */
  public static final String S3 = "aws-s3";
  /** An operator invoking functions directly (./filestore invoke, the console, aws lambda invoke). */
  public static final String OPERATOR = "filestore-operator";

  private Pacticipants() {}
}
