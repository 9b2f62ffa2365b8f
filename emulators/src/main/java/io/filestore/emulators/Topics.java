package io.filestore.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * SNS topics and what was published to them. Each message goes to the listeners and, with a data folder,
 * is appended as one JSON line to {@code <data>/sns/<topic name>.jsonl}, in the shape SNS delivers to an
 * SQS or HTTP subscriber (Type, MessageId, TopicArn, Subject, Message, Timestamp, MessageAttributes), so
 * that what a consumer would parse can be read from the file.
 */
public final class Topics {
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
  /** The latest messages kept for {@link #published()}; the files keep them all. */
  private static final int KEPT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message attribute as SNS delivers it: its data type and its value (base64 for Binary). */
  public record Attribute(String type, String value) {}

  /** One published message. */
  public record Notification(String messageId, String topicArn, String subject, String message,
      Map<String, Attribute> attributes, Instant timestamp) {

    public String topicName() {
      return topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    /** The notification as SNS delivers it to an SQS or HTTP subscriber, less the delivery signature. */
    public String toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("Type", "Notification");
      node.put("MessageId", messageId);
      node.put("TopicArn", topicArn);
      if (subject != null) {
        node.put("Subject", subject);
      }
      node.put("Message", message);
      node.put("Timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
      if (!attributes.isEmpty()) {
        ObjectNode attrs = node.putObject("MessageAttributes");
        attributes.forEach((name, a) -> attrs.putObject(name).put("Type", a.type()).put("Value", a.value()));
      }
      return node.toString();
    }
  }

  private final Path folder;
  private final Set<String> topics = Collections.synchronizedSet(new LinkedHashSet<>());
  private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Notification> recent = new ArrayDeque<>();

  /** @param folder where each topic's .jsonl file goes, or null for memory only */
  Topics(Path folder) {
    this.folder = folder;
  }

  public static String arn(String name) {
    return "arn:aws:sns:" + Emulators.REGION + ":" + AwsServices.ACCOUNT + ":" + name;
  }

  /** Creates a topic (again, harmlessly, as CreateTopic is idempotent). @return its ARN */
  public String createTopic(String name) {
    try {
      return create(name);
    } catch (AwsError e) {
      throw new IllegalArgumentException(e.getMessage() + ": '" + name + "'");
    }
  }

  String create(String name) {
    if (name == null || !TOPIC_NAME.matcher(name).matches()) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: Topic Name");
    }
    topics.add(name);
    return arn(name);
  }

  public boolean exists(String topicArn) {
    return topicArn != null && topicArn.equals(arn(topicArn.substring(topicArn.lastIndexOf(':') + 1)))
        && topics.contains(topicArn.substring(topicArn.lastIndexOf(':') + 1));
  }

  /** Called with each published message, on the publishing request's thread. */
  public void onPublish(Consumer<Notification> listener) {
    listeners.add(listener);
  }

  /** The latest published messages (up to a thousand), oldest first. */
  public List<Notification> published() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** Where a topic's messages are appended, or null without a data folder. */
  public Path logFile(String topicName) {
    return folder == null ? null : folder.resolve(topicName + ".jsonl");
  }

  Notification publish(String topicArn, String subject, String message, Map<String, Attribute> attributes) {
    if (!exists(topicArn)) {
      throw new AwsError(404, "NotFound", "Topic does not exist");
    }
    Notification notification = new Notification(UUID.randomUUID().toString(), topicArn, subject, message,
        Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), Instant.now());
    append(notification);
    synchronized (recent) {
      recent.addLast(notification);
      while (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
    listeners.forEach(l -> l.accept(notification));
    return notification;
  }

  private void append(Notification notification) {
    Path file = logFile(notification.topicName());
    if (file == null) {
      return;
    }
    // One write of one whole line per message, under a lock, so concurrent publishers never interleave.
    synchronized (this) {
      try {
        Files.createDirectories(folder);
        Files.write(file, (notification.toJson() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot append to " + file, e);
      }
    }
  }
}
