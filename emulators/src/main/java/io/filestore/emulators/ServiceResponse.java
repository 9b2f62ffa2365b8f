package io.filestore.emulators;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An emulated service's answer: status, headers and body (empty for none). */
record ServiceResponse(int status, Map<String, String> headers, byte[] body) {

  static ServiceResponse of(int status, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new ServiceResponse(status, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  ServiceResponse with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new ServiceResponse(status, more, body);
  }
}
