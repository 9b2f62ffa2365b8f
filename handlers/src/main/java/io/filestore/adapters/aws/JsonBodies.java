package io.filestore.adapters.aws;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

/** Writes small JSON bodies with jackson-core's streaming API (already in the artifact; no reflection). */
public final class JsonBodies {
  public static final JsonFactory JSON = new JsonFactory();

  private JsonBodies() {}

  /** The fields of one JSON object. */
  public interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  public static String object(Fields fields) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes the field unless the value is null, so that absent facts are absent rather than null. */
  public static void optional(JsonGenerator g, String name, Object value) throws IOException {
    if (value instanceof Integer n) {
      g.writeNumberField(name, n);
    } else if (value instanceof Long n) {
      g.writeNumberField(name, n);
    } else if (value instanceof Instant t) {
      g.writeStringField(name, t.toString());
    } else if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }
}
