package io.filestore.adapters.sns;

import static io.filestore.adapters.aws.JsonBodies.optional;

import io.filestore.adapters.aws.AwsRequestException;
import io.filestore.adapters.aws.AwsRequests;
import io.filestore.adapters.aws.JsonBodies;
import io.filestore.domain.FileRecord;
import io.filestore.domain.processing.JobOutcome;
import io.filestore.domain.processing.ProcessingJob;
import io.filestore.ports.Notifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Publishes job outcomes to the SNS topic (the Query API's Publish). The {@code status} and
 * {@code contentType} message attributes let subscribers filter without reading the body.
 */
public final class SnsNotifier implements Notifier {
  /** The body's {@code type}, so a subscriber of several topics can tell this message apart. */
  public static final String MESSAGE_TYPE = "filestore.processing.outcome";

  private final AwsRequests aws;
  private final URI endpoint;
  private final String topicArn;

  public SnsNotifier(AwsRequests aws, URI endpoint, String topicArn) {
    this.aws = aws;
    this.endpoint = endpoint;
    this.topicArn = topicArn;
  }

  @Override
  public void publish(JobOutcome outcome) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "Publish");
    form.put("Version", "2010-03-31");
    form.put("TopicArn", topicArn);
    form.put("Message", message(outcome));
    Map<String, String> attributes = attributes(outcome);
    int n = 0;
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      n++;
      form.put("MessageAttributes.entry." + n + ".Name", a.getKey());
      form.put("MessageAttributes.entry." + n + ".Value.DataType", "String");
      form.put("MessageAttributes.entry." + n + ".Value.StringValue", a.getValue());
    }
    AwsRequests.Response response = aws.post("sns", endpoint, "/",
        Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), encode(form));
    if (!response.ok()) {
      throw new AwsRequestException("SNS Publish", response);
    }
  }

  /** The attributes subscribers filter on; the content type is absent when the file is gone. */
  public static Map<String, String> attributes(JobOutcome outcome) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("status", outcome.job().status().name());
    if (outcome.file() != null && outcome.file().contentType() != null) {
      attributes.put("contentType", outcome.file().contentType());
    }
    return attributes;
  }

  /** The message body: the job's new state and the file facts a subscriber needs to act on it. */
  public static String message(JobOutcome outcome) {
    ProcessingJob job = outcome.job();
    FileRecord file = outcome.file();
    return JsonBodies.object(g -> {
      g.writeStringField("type", MESSAGE_TYPE);
      g.writeStringField("fileId", job.fileId());
      g.writeStringField("jobId", job.jobId());
      g.writeNumberField("attempt", job.attempt());
      g.writeStringField("status", job.status().name());
      optional(g, "statusCode", job.lastStatusCode());
      optional(g, "error", job.lastError());
      optional(g, "nextAttemptAt", job.nextAttemptAt());
      if (file != null) {
        g.writeObjectFieldStart("file");
        g.writeStringField("name", file.name());
        g.writeStringField("contentType", file.contentType());
        g.writeNumberField("size", file.size());
        g.writeStringField("state", file.state().name());
        optional(g, "collectionId", file.collectionId());
        g.writeEndObject();
      }
      g.writeStringField("at", job.updatedAt().toString());
    });
  }

  private static String encode(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }
}
