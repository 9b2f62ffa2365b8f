package io.filestore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filestore.emulators.Emulators;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local stand-in for a Cognito user pool: its id, one app client, and the RS256 key that signs its
 * tokens, kept in {@code <data>/auth/user-pool.json}. Created on first use, by the stack or by
 * {@code ./filestore token}, and reused afterwards, so a token outlives a restart of the stack.
 */
final class UserPool {
  static final String FILE = "auth/user-pool.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final String id;
  private final String clientId;
  private final String kid;
  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;

  private UserPool(String id, String clientId, String kid, RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    this.id = id;
    this.clientId = clientId;
    this.kid = kid;
    this.privateKey = privateKey;
    this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
  }

  /** The pool of this data folder, created when it has none yet. */
  static UserPool load(Path data) throws IOException {
    Path file = data.resolve(FILE);
    if (!Files.exists(file)) {
      create(file);
    }
    JsonNode stored = JSON.readTree(file.toFile());
    try {
      byte[] pkcs8 = Base64.getDecoder().decode(stored.path("privateKey").asText());
      var key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new UserPool(required(stored, "userPoolId", file), required(stored, "userPoolClientId", file),
          required(stored, "kid", file), key);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(file + " holds no usable RSA key (" + e.getMessage() + "); delete it to make a new one");
    }
  }

  /**
   * Written aside, then linked into place: a link never replaces a file, so when the stack and the token
   * verb create the pool at the same moment, both end up with the one that won, never with two keys.
   */
  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    ObjectNode pool = JSON.createObjectNode();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var keys = generator.generateKeyPair();
      pool.put("userPoolId", Emulators.REGION + "_" + random(ALPHANUMERICS, 9));
      pool.put("userPoolClientId", random("abcdefghijklmnopqrstuvwxyz0123456789", 26));
      pool.put("kid", thumbprint((RSAPublicKey) keys.getPublic()));
      pool.put("privateKey", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an RSA key: " + e.getMessage(), e);
    }
    Path aside = Files.createTempFile(file.getParent(), "user-pool", ".partial");
    try {
      try {
        Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the folder's own permissions protect the key.
      }
      Files.writeString(aside, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pool));
      try {
        Files.createLink(file, aside);
      } catch (FileAlreadyExistsException e) {
        // Another process made it first; theirs is the pool.
      } catch (UnsupportedOperationException | IOException e) {
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  String id() {
    return id;
  }

  String clientId() {
    return clientId;
  }

  String kid() {
    return kid;
  }

  RSAPublicKey publicKey() {
    return publicKey;
  }

  /** Cognito's issuer URL: the region's cognito-idp endpoint and the pool id. */
  String issuer() {
    return "https://cognito-idp." + Emulators.REGION + ".amazonaws.com/" + id;
  }

  /** The public key as Cognito publishes it at {@code <issuer>/.well-known/jwks.json}. */
  String jwks() {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("keys").addObject()
        .put("alg", "RS256")
        .put("e", unsigned(publicKey.getPublicExponent()))
        .put("kid", kid)
        .put("kty", "RSA")
        .put("n", unsigned(publicKey.getModulus()))
        .put("use", "sig");
    return root.toString();
  }

  /** A token signed with the pool's key under its kid, as Cognito signs its tokens. */
  String sign(ObjectNode claims) {
    ObjectNode header = JSON.createObjectNode().put("kid", kid).put("alg", "RS256").put("typ", "JWT");
    return sign(header, claims);
  }

  /** Signs whatever header it is given with the pool's key; tests use it for a token under another kid. */
  String sign(ObjectNode header, ObjectNode claims) {
    String signingInput = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(privateKey);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
  }

  /** The RFC 7638 thumbprint: a kid that names the key itself, so a new key always has a new kid. */
  private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + unsigned(key.getModulus()) + "\"}";
    return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /** JWK integers are big-endian without the sign byte BigInteger adds. */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    return BASE64URL.encodeToString(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
  }

  private static String random(String alphabet, int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static String required(JsonNode stored, String field, Path file) {
    String value = stored.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalStateException(file + " has no " + field + "; delete it to make a new pool");
    }
    return value;
  }
}
