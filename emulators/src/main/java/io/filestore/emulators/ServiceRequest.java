package io.filestore.emulators;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request to an emulated AWS service, as it arrived: the raw (still encoded) path and query, the
 * headers with case-insensitive names, the body, and the request id the answer will carry.
 */
record ServiceRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
    String requestId) {

  ServiceRequest {
    TreeMap<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> names.put(name, List.copyOf(values)));
    headers = names;
  }

  /** @return the first value of this header, or null */
  String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
