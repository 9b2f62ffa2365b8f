package io.filestore.contracts;

import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import java.util.function.Consumer;

/**
 * The parts of an S3 event notification (version 2.1) the S3-triggered functions rely on, as type and
 * pattern matchers: what AWS promises, never the values of one run.
 */
public final class S3EventBodies {
  static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  /** A Filestore object key: the prefix and a file id. */
  static final String FILE_KEY = "uploads/[0-9a-f]{32}";
  /** S3's bucket naming rules. */
  static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

  private S3EventBodies() {}

  /** One record; the key is matched by {@code keyPattern} and the object's size only for creations. */
  static Consumer<LambdaDslObject> record(String eventName, String bucket, String keyPattern, String key, Long size) {
    return r -> {
      r.stringMatcher("eventVersion", "2\\.\\d+", "2.1");
      r.stringValue("eventSource", "aws:s3");
      r.stringType("awsRegion", "us-east-1");
      r.stringMatcher("eventTime", ISO_MILLIS, "2026-11-21T10:15:30.123Z");
      r.stringValue("eventName", eventName);
      r.object("userIdentity", u -> u.stringType("principalId", "AWS:AIDAEXAMPLE"));
      r.object("requestParameters", p -> p.stringType("sourceIPAddress", "203.0.113.10"));
      r.object("responseElements", p -> {
        p.stringType("x-amz-request-id", "C3D13FE58DE4C810");
        p.stringType("x-amz-id-2", "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD");
      });
      r.object("s3", s3 -> {
        s3.stringValue("s3SchemaVersion", "1.0");
        s3.stringType("configurationId", "filestore-object-events");
        s3.object("bucket", b -> {
          b.stringMatcher("name", BUCKET, bucket);
          b.object("ownerIdentity", o -> o.stringType("principalId", "A3NL1KOZZKExample"));
          b.stringMatcher("arn", "arn:aws:s3:::" + BUCKET, "arn:aws:s3:::" + bucket);
        });
        s3.object("object", o -> {
          o.stringMatcher("key", keyPattern, key);
          if (size != null) {
            o.integerType("size", size.intValue());
            o.stringMatcher("eTag", "[0-9a-f]{32}(-\\d+)?", "d41d8cd98f00b204e9800998ecf8427e");
          }
          o.stringMatcher("sequencer", "[0-9A-F]{16,}", "0055AED6DCD90281E5");
        });
      });
    };
  }

  static DslPart oneRecord(String eventName, String bucket, String keyPattern, String key, Long size) {
    return au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(root ->
        root.array("Records", a -> a.object(record(eventName, bucket, keyPattern, key, size)))).build();
  }
}
