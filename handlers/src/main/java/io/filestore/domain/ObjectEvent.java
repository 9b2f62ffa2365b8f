package io.filestore.domain;

/** One S3 notification record, decoded: the key is no longer URL-encoded. */
public record ObjectEvent(Kind kind, String eventName, String bucket, String key, String sequencer, String etag) {
  public enum Kind { CREATED, REMOVED }
}
