package io.filestore.emulators;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes S3 event notifications exactly as S3 delivers them to Lambda: a "Records" batch, URL-encoded
 * keys (a space as '+'), and a sequencer that grows with every event.
 */
public final class S3Notifications {
  private static final JsonFactory JSON = new JsonFactory();
  private static final java.time.format.DateTimeFormatter EVENT_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 12);
  private final String region;

  public S3Notifications(String region) {
    this.region = region;
  }

  /** One notification record. {@code size} and {@code eTag} are null for removals, as on AWS. */
  public record Record(String eventName, String bucket, String key, Long size, String eTag, String sequencer) {}

  public Record created(String eventName, String bucket, String key, long size, String eTag) {
    return new Record(eventName, bucket, key, size, eTag, nextSequencer());
  }

  public Record removed(String eventName, String bucket, String key) {
    return new Record(eventName, bucket, key, null, null, nextSequencer());
  }

  public String nextSequencer() {
    return String.format("%018X", sequence.incrementAndGet());
  }

  public String toJson(Record... records) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Records");
      for (Record r : records) {
        write(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** S3 encodes keys like HTML forms do, but leaves '/' alone. */
  public static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  private void write(JsonGenerator g, Record r) throws IOException {
    g.writeStartObject();
    g.writeStringField("eventVersion", "2.1");
    g.writeStringField("eventSource", "aws:s3");
    g.writeStringField("awsRegion", region);
    // S3 writes milliseconds, always three digits.
    g.writeStringField("eventTime", EVENT_TIME.format(Instant.now()));
    g.writeStringField("eventName", r.eventName());
    g.writeObjectFieldStart("userIdentity");
    g.writeStringField("principalId", "AWS:LOCAL");
    g.writeEndObject();
    g.writeObjectFieldStart("requestParameters");
    g.writeStringField("sourceIPAddress", "127.0.0.1");
    g.writeEndObject();
    g.writeObjectFieldStart("responseElements");
    g.writeStringField("x-amz-request-id", Long.toHexString(System.nanoTime()).toUpperCase());
    g.writeStringField("x-amz-id-2", UUID.randomUUID().toString());
    g.writeEndObject();
    g.writeObjectFieldStart("s3");
    g.writeStringField("s3SchemaVersion", "1.0");
    g.writeStringField("configurationId", "filestore-local");
    g.writeObjectFieldStart("bucket");
    g.writeStringField("name", r.bucket());
    g.writeObjectFieldStart("ownerIdentity");
    g.writeStringField("principalId", "LOCAL");
    g.writeEndObject();
    g.writeStringField("arn", "arn:aws:s3:::" + r.bucket());
    g.writeEndObject();
    g.writeObjectFieldStart("object");
    g.writeStringField("key", encodeKey(r.key()));
    if (r.size() != null) {
      g.writeNumberField("size", r.size());
    }
    if (r.eTag() != null) {
      g.writeStringField("eTag", r.eTag());
    }
    g.writeStringField("sequencer", r.sequencer());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }
}
