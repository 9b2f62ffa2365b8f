package io.filestore.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The SNS emulator, driven by the official SDK client (the Query protocol and its XML answers). */
class SnsEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path data;

  private static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  @Test
  void aPublishedMessageReachesTheListenerAndTheTopicsFile() throws Exception {
    try (AwsServices services = AwsServices.start(data, 0); SnsClient sns = Clients.sns(services.endpoint())) {
      String topic = services.sns().createTopic("filestore-processing-test");
      assertEquals("arn:aws:sns:us-east-1:000000000000:filestore-processing-test", topic);
      LinkedBlockingQueue<Topics.Notification> heard = new LinkedBlockingQueue<>();
      services.sns().onPublish(heard::add);

      PublishResponse sent = sns.publish(b -> b.topicArn(topic).subject("Processing SUCCEEDED").message("{\"fileId\":\"f1\"}")
          .messageAttributes(Map.of("status", string("SUCCEEDED"), "attempt", MessageAttributeValue.builder()
              .dataType("Number").stringValue("2").build())));
      assertTrue(sent.messageId().length() >= 32, sent.messageId());

      Topics.Notification n = heard.take();
      assertEquals(sent.messageId(), n.messageId());
      assertEquals(topic, n.topicArn());
      assertEquals("Processing SUCCEEDED", n.subject());
      assertEquals("{\"fileId\":\"f1\"}", n.message());
      assertEquals(new Topics.Attribute("String", "SUCCEEDED"), n.attributes().get("status"));
      assertEquals(new Topics.Attribute("Number", "2"), n.attributes().get("attempt"));
      assertEquals(List.of(n), services.sns().published());

      sns.publish(b -> b.topicArn(topic).message("second, without a subject"));
      Path log = data.resolve("sns/filestore-processing-test.jsonl");
      assertEquals(log, services.sns().logFile("filestore-processing-test"));
      List<String> lines = Files.readAllLines(log);
      assertEquals(2, lines.size(), "one JSON line per message");
      JsonNode first = JSON.readTree(lines.get(0));
      assertEquals("Notification", first.path("Type").asText());
      assertEquals(sent.messageId(), first.path("MessageId").asText());
      assertEquals(topic, first.path("TopicArn").asText());
      assertEquals("Processing SUCCEEDED", first.path("Subject").asText());
      assertEquals("{\"fileId\":\"f1\"}", first.path("Message").asText());
      assertTrue(first.path("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"), first::toString);
      assertEquals("{\"Type\":\"String\",\"Value\":\"SUCCEEDED\"}", first.path("MessageAttributes").path("status").toString());
      JsonNode second = JSON.readTree(lines.get(1));
      assertFalse(second.has("Subject"), "no subject, no Subject member, as SNS delivers it");
      assertFalse(second.has("MessageAttributes"));
    }
  }

  @Test
  void aTopicThatDoesNotExistIsNotFound() {
    try (AwsServices services = AwsServices.start(null, 0); SnsClient sns = Clients.sns(services.endpoint())) {
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> sns.publish(b -> b.topicArn(Topics.arn("never-created")).message("m")));
      assertEquals("NotFound", e.awsErrorDetails().errorCode());
      assertEquals("Topic does not exist", e.awsErrorDetails().errorMessage());
      assertEquals(404, e.statusCode());
      assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "the request id is read from the error document");
      assertTrue(services.sns().published().isEmpty());

      InvalidParameterException badArn = assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn("topic").message("m")));
      assertEquals("InvalidParameter", badArn.awsErrorDetails().errorCode());
    }
  }

  @Test
  void createTopicIsIdempotentOverTheWire() {
    try (AwsServices services = AwsServices.start(null, 0); SnsClient sns = Clients.sns(services.endpoint())) {
      String arn = sns.createTopic(b -> b.name("made-by-the-sdk")).topicArn();
      assertEquals(Topics.arn("made-by-the-sdk"), arn);
      assertEquals(arn, sns.createTopic(b -> b.name("made-by-the-sdk")).topicArn());
      sns.publish(b -> b.topicArn(arn).message("m"));
      assertThrows(InvalidParameterException.class, () -> sns.createTopic(b -> b.name("no spaces allowed")));
      assertThrows(IllegalArgumentException.class, () -> services.sns().createTopic("no/slashes"));
    }
  }

  @Test
  void messageAttributesAreCheckedAsSnsChecksThem() {
    try (AwsServices services = AwsServices.start(null, 0); SnsClient sns = Clients.sns(services.endpoint())) {
      String topic = services.sns().createTopic("attributes");
      InvalidParameterValueException empty = assertThrows(InvalidParameterValueException.class,
          () -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of("status", string("")))));
      assertEquals("ParameterValueInvalid", empty.awsErrorDetails().errorCode());
      assertTrue(empty.getMessage().contains("must contain non-empty message attribute value"), empty.getMessage());

      assertThrows(InvalidParameterValueException.class, () -> sns.publish(b -> b.topicArn(topic).message("m")
          .messageAttributes(Map.of("status", MessageAttributeValue.builder().dataType("String").build()))), "a String needs its value");
      assertThrows(InvalidParameterValueException.class, () -> sns.publish(b -> b.topicArn(topic).message("m")
          .messageAttributes(Map.of("status", MessageAttributeValue.builder().dataType("Text").stringValue("x").build()))));
      assertThrows(InvalidParameterValueException.class, () -> sns.publish(b -> b.topicArn(topic).message("m")
          .messageAttributes(Map.of("count", MessageAttributeValue.builder().dataType("Number").stringValue("many").build()))));
      assertThrows(InvalidParameterValueException.class, () -> sns.publish(b -> b.topicArn(topic).message("m")
          .messageAttributes(Map.of("bad..name", string("x")))));

      Map<String, MessageAttributeValue> eleven = new HashMap<>();
      for (int i = 0; i < 11; i++) {
        eleven.put("a" + i, string("v"));
      }
      InvalidParameterValueException tooMany = assertThrows(InvalidParameterValueException.class,
          () -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(eleven)));
      assertTrue(tooMany.getMessage().contains("[11]"), tooMany.getMessage());
      eleven.remove("a10");
      sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(eleven));
      sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of("raw", MessageAttributeValue.builder()
          .dataType("Binary").binaryValue(SdkBytes.fromUtf8String("bytes")).build())));

      assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topic).message("")), "an empty message");
      assertThrows(InvalidParameterException.class, () -> sns.publish(b -> b.topicArn(topic).message("m").subject("two\nlines")));
      assertEquals(2, services.sns().published().size(), "only what SNS accepted was published");
    }
  }
}
