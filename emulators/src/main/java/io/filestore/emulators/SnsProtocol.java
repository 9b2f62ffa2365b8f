package io.filestore.emulators;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNS on its wire protocol, AWS Query: {@code POST /} with a form-encoded body ({@code Action=Publish&
 * Version=2010-03-31&...}), answered with XML; errors are {@code <ErrorResponse>} documents with the
 * fault Type, the Code and the Message, and the request id.
 */
final class SnsProtocol {
  static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
  private static final String XML = "text/xml";
  /** SNS's limit on a message, in bytes. */
  static final int MAX_MESSAGE = 256 * 1024;
  static final int MAX_ATTRIBUTES = 10;
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("MessageAttributes\\.entry\\.(\\d+)\\.(Name|Value\\.DataType|Value\\.StringValue|Value\\.BinaryValue)");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("(?!\\.)(?!.*\\.\\.)(?!.*\\.$)[A-Za-z0-9_.\\-]{1,256}");

  private final Topics topics;

  SnsProtocol(Topics topics) {
    this.topics = topics;
  }

  ServiceResponse handle(ServiceRequest request) {
    Map<String, String> params = new LinkedHashMap<>(form(request.rawQuery()));
    params.putAll(form(request.bodyText()));
    String action = params.get("Action");
    if (action == null) {
      throw new AwsError(400, "MissingAction", "Missing Action");
    }
    return switch (action) {
      case "Publish" -> publish(params, request.requestId());
      case "CreateTopic" -> createTopic(params, request.requestId());
      default -> throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version 2010-03-31");
    };
  }

  ServiceResponse error(AwsError error, String requestId) {
    String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n    <Type>" + error.faultType() + "</Type>\n    <Code>"
        + escape(error.code()) + "</Code>\n    <Message>" + escape(error.getMessage()) + "</Message>\n  </Error>\n  <RequestId>"
        + requestId + "</RequestId>\n</ErrorResponse>\n";
    return ServiceResponse.of(error.status(), XML, body);
  }

  /** Query services answer signature problems with 403, except a malformed header. */
  static AwsError unauthorized(SigV4Verifier.Rejection rejection) {
    return switch (rejection.failure()) {
      case MISSING -> new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
      case INCOMPLETE -> new AwsError(400, "IncompleteSignature", rejection.message());
      case UNKNOWN_KEY -> new AwsError(403, "InvalidClientTokenId", rejection.message());
      case MISMATCH, EXPIRED -> new AwsError(403, "SignatureDoesNotMatch", rejection.message());
    };
  }

  private ServiceResponse publish(Map<String, String> params, String requestId) {
    String topicArn = params.get("TopicArn") != null ? params.get("TopicArn") : params.get("TargetArn");
    if (topicArn == null || topicArn.isEmpty()) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (!topicArn.matches("arn:aws:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+")) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: TopicArn");
    }
    String message = params.get("Message");
    if (message == null) {
      throw new AwsError(400, "ValidationError",
          "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
    }
    if (message.isEmpty()) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: Empty message");
    }
    if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: Message too long");
    }
    String subject = params.get("Subject");
    if (subject != null && (subject.isEmpty() || subject.length() > 100 || !subject.matches("[\\x20-\\x7E]+"))) {
      throw new AwsError(400, "InvalidParameter", "Invalid parameter: Subject");
    }
    Map<String, Topics.Attribute> attributes = attributes(params);
    Topics.Notification sent = topics.publish(topicArn, subject, message, attributes);
    return ServiceResponse.of(200, XML, "<PublishResponse xmlns=\"" + NAMESPACE + "\">\n  <PublishResult>\n    <MessageId>"
        + sent.messageId() + "</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>" + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n");
  }

  private ServiceResponse createTopic(Map<String, String> params, String requestId) {
    String arn = topics.create(params.get("Name"));
    return ServiceResponse.of(200, XML, "<CreateTopicResponse xmlns=\"" + NAMESPACE + "\">\n  <CreateTopicResult>\n    <TopicArn>"
        + escape(arn) + "</TopicArn>\n  </CreateTopicResult>\n  <ResponseMetadata>\n    <RequestId>" + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</CreateTopicResponse>\n");
  }

  /** The MessageAttributes.entry.N.* members, checked as SNS checks them before it accepts a message. */
  private static Map<String, Topics.Attribute> attributes(Map<String, String> params) {
    TreeMap<Integer, Map<String, String>> entries = new TreeMap<>();
    params.forEach((key, value) -> {
      Matcher m = ATTRIBUTE_KEY.matcher(key);
      if (m.matches()) {
        entries.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new LinkedHashMap<>()).put(m.group(2), value);
      }
    });
    if (entries.size() > MAX_ATTRIBUTES) {
      throw new AwsError(400, "ParameterValueInvalid",
          "Number of message attributes [" + entries.size() + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
    }
    Map<String, Topics.Attribute> attributes = new LinkedHashMap<>();
    for (Map<String, String> entry : entries.values()) {
      String name = entry.get("Name");
      if (name == null || name.isEmpty()) {
        throw new AwsError(400, "ParameterValueInvalid", "The request must contain non-empty message attribute name.");
      }
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        throw new AwsError(400, "ParameterValueInvalid", "Invalid non-alphanumeric character was found in the message attribute name "
            + "'" + name + "'. Can only include alphanumeric characters, hyphens, underscores, or dots.");
      }
      if (attributes.containsKey(name)) {
        throw new AwsError(400, "ParameterValueInvalid", "Message attribute name '" + name + "' is duplicated.");
      }
      String type = entry.get("Value.DataType");
      if (type == null || type.isEmpty()) {
        throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name + "' must contain non-empty message attribute type.");
      }
      String prefix = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
      if (!prefix.equals("String") && !prefix.equals("Number") && !prefix.equals("Binary")) {
        throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name
            + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
      }
      String value = prefix.equals("Binary") ? entry.get("Value.BinaryValue") : entry.get("Value.StringValue");
      if (value == null || value.isEmpty()) {
        throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name
            + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
      }
      if (prefix.equals("Number") && !value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw new AwsError(400, "ParameterValueInvalid", "Could not cast message attribute '" + name + "' value to number.");
      }
      if (prefix.equals("Binary")) {
        try {
          Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
          throw new AwsError(400, "ParameterValueInvalid", "The message attribute '" + name + "' has an invalid binary value.");
        }
      }
      attributes.put(name, new Topics.Attribute(type, value));
    }
    return attributes;
  }

  private static Map<String, String> form(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
  }
}
