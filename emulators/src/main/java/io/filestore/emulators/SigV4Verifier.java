package io.filestore.emulators;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's AWS Signature Version 4, as AWS does before any operation runs: the algorithm, the
 * access key, the credential scope (date, region, service, terminator), the clock skew, and the signature
 * itself, recomputed from the signed headers as they arrived. It follows the published specification and
 * not the SDK's signer, so that it tests the clients rather than agreeing with them by construction.
 */
final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** How far a request's time may be from the service's, as AWS allows. */
  static final Duration SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String MISMATCH_MESSAGE = "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  /** Why a request was refused; each protocol turns it into its own error code and status. */
  enum Failure { MISSING, INCOMPLETE, UNKNOWN_KEY, MISMATCH, EXPIRED }

  record Rejection(Failure failure, String message) {}

  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final Clock clock;

  SigV4Verifier(String accessKey, String secretKey, String region, Clock clock) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
    this.clock = clock;
  }

  /** @return null when the request is signed by the emulators' key for {@code service}, otherwise why not */
  Rejection verify(String service, ServiceRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return new Rejection(Failure.MISSING, "Missing Authentication Token");
    }
    int space = authorization.indexOf(' ');
    String algorithm = space < 0 ? authorization : authorization.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      return new Rejection(Failure.INCOMPLETE, "Unsupported AWS 'algorithm': '" + algorithm + "'");
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : authorization.substring(space + 1).split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2) {
        parts.put(kv[0], kv[1]);
      }
    }
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (!parts.containsKey(name)) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (missing.length() > 0) {
      return new Rejection(Failure.INCOMPLETE, missing + "Authorization=" + authorization);
    }
    String[] scope = parts.get("Credential").split("/");
    if (scope.length != 5) {
      return new Rejection(Failure.INCOMPLETE, "Credential should be scoped to a valid region, service and terminator. ");
    }
    if (!scope[0].equals(accessKey)) {
      return new Rejection(Failure.UNKNOWN_KEY, "The security token included in the request is invalid.");
    }
    String amzDate = request.header("X-Amz-Date");
    Instant signedAt;
    try {
      signedAt = amzDate != null ? AMZ_DATE.parse(amzDate, Instant::from)
          : request.header("Date") != null ? ZonedDateTime.parse(request.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
          : null;
    } catch (DateTimeParseException e) {
      return new Rejection(Failure.INCOMPLETE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
    }
    if (signedAt == null) {
      return new Rejection(Failure.INCOMPLETE, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    String day = AMZ_DATE.format(signedAt).substring(0, 8);
    if (!scope[1].equals(day)) {
      return new Rejection(Failure.MISMATCH, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
          + scope[1] + "' != '" + day + "', from '" + (amzDate != null ? "X-Amz-Date" : "Date") + "'.");
    }
    if (!scope[2].equals(region)) {
      return new Rejection(Failure.MISMATCH, "Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
    }
    if (!scope[3].equals(service)) {
      return new Rejection(Failure.MISMATCH, "Credential should be scoped to correct service: '" + service + "'. ");
    }
    if (!scope[4].equals("aws4_request")) {
      return new Rejection(Failure.MISMATCH, "Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'. ");
    }
    List<String> signedHeaders = List.of(parts.get("SignedHeaders").split(";"));
    if (!signedHeaders.contains("host")) {
      return new Rejection(Failure.INCOMPLETE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(SKEW))) {
      return new Rejection(Failure.EXPIRED, "Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
          + AMZ_DATE.format(now.minus(SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
    }
    if (signedAt.isAfter(now.plus(SKEW))) {
      return new Rejection(Failure.EXPIRED, "Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
          + AMZ_DATE.format(now.plus(SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
    }
    String payloadHash = hex(sha256(request.body()));
    String declared = request.header("X-Amz-Content-Sha256");
    if (declared != null && signedHeaders.contains("x-amz-content-sha256")) {
      if (!declared.equals("UNSIGNED-PAYLOAD") && !declared.equals(payloadHash)) {
        return new Rejection(Failure.MISMATCH, "The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
      payloadHash = declared;
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.method()).append('\n')
        .append(canonicalUri(request.rawPath())).append('\n')
        .append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        return new Rejection(Failure.MISMATCH, MISMATCH_MESSAGE);
      }
      List<String> trimmed = new ArrayList<>();
      values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(parts.get("SignedHeaders")).append('\n').append(payloadHash);
    String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4];
    String stringToSign = ALGORITHM + "\n" + (amzDate != null ? amzDate : AMZ_DATE.format(signedAt)) + "\n" + credentialScope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, scope[4]);
    byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
      return new Rejection(Failure.MISMATCH, MISMATCH_MESSAGE);
    }
    return null;
  }

  /** Services other than S3 sign the normalized path encoded once more, so '%3A' is signed as '%253A'. */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String normalized = URI.create("http://h" + rawPath).normalize().getRawPath();
    String encoded = encode(normalized, false);
    return encoded.isEmpty() ? "/" : encoded;
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!name.isEmpty()) {
        pairs.add(new String[] {encode(name, true), encode(value, true)});
      }
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
    return String.join("&", joined);
  }

  /** RFC 3986: every byte but the unreserved characters is %XX, in upper case; '/' too when asked. */
  static String encode(String text, boolean slash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
          || c == '~' || (c == '/' && !slash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** Percent-decoding only: in a signed query, '+' is a plus sign, not a space. */
  private static String decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1)) && HexFormat.isHexDigit(text.charAt(i + 2))) {
        out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
        i += 2;
      } else {
        int codePoint = text.codePointAt(i);
        out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
