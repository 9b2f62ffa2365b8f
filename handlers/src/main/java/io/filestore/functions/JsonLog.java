package io.filestore.functions;

import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import io.filestore.api.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One JSON object per line on stdout, which Lambda sends to CloudWatch Logs: time, level, function,
 * request id, source location, message and any key/value pairs (such as fileId).
 */
public final class JsonLog {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final String function;
  private final PrintStream out;
  private final ThreadLocal<String> requestId = new ThreadLocal<>();

  public JsonLog(String function, PrintStream out) {
    this.function = function;
    this.out = out;
  }

  public void begin(String id) {
    requestId.set(id);
  }

  public void info(String message, Object... fields) {
    write("INFO", message, null, fields);
  }

  public void warn(String message, Object... fields) {
    write("WARN", message, null, fields);
  }

  public void error(String message, Throwable error, Object... fields) {
    write("ERROR", message, error, fields);
  }

  private void write(String level, String message, Throwable error, Object[] fields) {
    StringWriter line = new StringWriter(256);
    try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(line)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("level", level);
      g.writeStringField("function", function);
      if (requestId.get() != null) {
        g.writeStringField("requestId", requestId.get());
      }
      g.writeStringField("source", WALKER.walk(frames -> frames
          .filter(f -> !f.getClassName().equals(JsonLog.class.getName()))
          .findFirst().map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()).orElse("?")));
      g.writeStringField("message", message);
      for (int i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i + 1] instanceof Number n) {
          g.writeNumberField(String.valueOf(fields[i]), n.longValue());
        } else if (fields[i + 1] != null) {
          g.writeStringField(String.valueOf(fields[i]), String.valueOf(fields[i + 1]));
        }
      }
      if (error != null) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        g.writeStringField("error", error.toString());
        g.writeStringField("stackTrace", trace.toString());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    out.println(line);
  }
}
