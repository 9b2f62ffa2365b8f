package io.filestore.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The SSM emulator, driven by the official SDK client: if the client works, the wire protocol is right. */
class SsmEmulatorTest {
  private static AwsServices services;
  private static SsmClient ssm;

  @BeforeAll
  static void start() {
    services = AwsServices.start(null, 0);
    ssm = Clients.ssm(services.endpoint());
  }

  @AfterAll
  static void stop() {
    ssm.close();
    services.close();
  }

  @Test
  void putThenGetAsTheSdkReadsIt() {
    PutParameterResponse put = ssm.putParameter(b -> b.name("/t1/processing/endpoint").value("https://example.com/jobs").type(ParameterType.STRING));
    assertEquals(1L, put.version());
    assertEquals("Standard", put.tierAsString());
    Parameter p = ssm.getParameter(b -> b.name("/t1/processing/endpoint")).parameter();
    assertEquals("/t1/processing/endpoint", p.name());
    assertEquals(ParameterType.STRING, p.type());
    assertEquals("https://example.com/jobs", p.value());
    assertEquals(1L, p.version());
    assertEquals("arn:aws:ssm:us-east-1:000000000000:parameter/t1/processing/endpoint", p.arn());
    assertEquals("text", p.dataType());
    assertNotNull(p.lastModifiedDate(), "epoch seconds, read by the SDK as an Instant");
    assertEquals("https://example.com/jobs", ssm.getParameter(b -> b.name(p.arn())).parameter().value(), "a parameter may be named by its ARN");
  }

  @Test
  void anExistingNameNeedsOverwriteAndEachWriteIsANewVersion() {
    ssm.putParameter(b -> b.name("/t2/enabled").value("false").type(ParameterType.STRING));
    ParameterAlreadyExistsException refused = assertThrows(ParameterAlreadyExistsException.class,
        () -> ssm.putParameter(b -> b.name("/t2/enabled").value("true").type(ParameterType.STRING)));
    assertEquals("ParameterAlreadyExists", refused.awsErrorDetails().errorCode());
    assertEquals(400, refused.statusCode());
    assertEquals("false", ssm.getParameter(b -> b.name("/t2/enabled")).parameter().value(), "a refused write changes nothing");

    assertEquals(2L, ssm.putParameter(b -> b.name("/t2/enabled").value("true").overwrite(true)).version(), "the type is kept when omitted");
    Parameter p = ssm.getParameter(b -> b.name("/t2/enabled")).parameter();
    assertEquals("true", p.value());
    assertEquals(2L, p.version());
    assertEquals(ParameterType.STRING, p.type());

    SsmException untyped = assertThrows(SsmException.class, () -> ssm.putParameter(b -> b.name("/t2/new").value("x")));
    assertEquals("ValidationException", untyped.awsErrorDetails().errorCode(), "a new parameter needs a type");
    SsmException reserved = assertThrows(SsmException.class,
        () -> ssm.putParameter(b -> b.name("/aws/x").value("x").type(ParameterType.STRING)));
    assertEquals("ValidationException", reserved.awsErrorDetails().errorCode());
    SsmException relative = assertThrows(SsmException.class,
        () -> ssm.putParameter(b -> b.name("t2/relative").value("x").type(ParameterType.STRING)));
    assertEquals("ValidationException", relative.awsErrorDetails().errorCode(), "a hierarchical name must begin with /");
  }

  @Test
  void anUnknownParameterIsNotFoundOrListedAsInvalid() {
    ParameterNotFoundException missing = assertThrows(ParameterNotFoundException.class,
        () -> ssm.getParameter(b -> b.name("/t3/nothing")));
    assertEquals("ParameterNotFound", missing.awsErrorDetails().errorCode());
    assertEquals(400, missing.statusCode());

    services.ssm().put("/t3/present", "String", "yes");
    GetParametersResponse both = ssm.getParameters(b -> b.names("/t3/present", "/t3/nothing"));
    assertEquals(List.of("/t3/present"), both.parameters().stream().map(Parameter::name).toList());
    assertEquals(List.of("/t3/nothing"), both.invalidParameters());

    SsmException tooMany = assertThrows(SsmException.class, () -> ssm.getParameters(b -> b.names(
        "/a1", "/a2", "/a3", "/a4", "/a5", "/a6", "/a7", "/a8", "/a9", "/a10", "/a11")));
    assertEquals("ValidationException", tooMany.awsErrorDetails().errorCode(), "GetParameters takes at most 10 names");

    assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(b -> b.name("/t3/nothing")));
    ssm.deleteParameter(b -> b.name("/t3/present"));
    assertTrue(services.ssm().find("/t3/present").isEmpty());
  }

  @Test
  void aSecureStringIsPlainOnlyWithDecryption() {
    services.ssm().put("/t4/processing/secret", ParameterStore.SECURE_STRING, "s3cr3t-value");
    GetParametersResponse plain = ssm.getParameters(b -> b.names("/t4/processing/secret").withDecryption(true));
    assertEquals("s3cr3t-value", plain.parameters().get(0).value());
    assertEquals(ParameterType.SECURE_STRING, plain.parameters().get(0).type());

    String opaque = ssm.getParameters(b -> b.names("/t4/processing/secret")).parameters().get(0).value();
    assertNotEquals("s3cr3t-value", opaque);
    assertFalse(opaque.contains("s3cr3t"), opaque);
    assertTrue(opaque.startsWith("AQICAH"), "shaped like the KMS ciphertext AWS returns: " + opaque);
    assertEquals(opaque, ssm.getParameter(b -> b.name("/t4/processing/secret")).parameter().value(), "the same ciphertext for a version");
    services.ssm().put("/t4/processing/secret", ParameterStore.SECURE_STRING, "rotated");
    assertNotEquals(opaque, ssm.getParameter(b -> b.name("/t4/processing/secret")).parameter().value(), "a new version, a new ciphertext");
  }

  @Test
  void aStringListIsItsCommaSeparatedValue() {
    ssm.putParameter(b -> b.name("/t5/admin-principals").value("key:0123,user:alice").type(ParameterType.STRING_LIST));
    Parameter p = ssm.getParameters(b -> b.names("/t5/admin-principals")).parameters().get(0);
    assertEquals(ParameterType.STRING_LIST, p.type());
    assertEquals("key:0123,user:alice", p.value());
  }

  @Test
  void seedingFromJavaKeepsWhatIsThere() {
    assertTrue(services.ssm().putIfAbsent("/t6/enabled", "String", "true"));
    ssm.putParameter(b -> b.name("/t6/enabled").value("false").overwrite(true));
    assertFalse(services.ssm().putIfAbsent("/t6/enabled", "String", "true"));
    assertEquals("false", ssm.getParameter(b -> b.name("/t6/enabled")).parameter().value());
    assertEquals(2L, services.ssm().find("/t6/enabled").orElseThrow().version());
  }

  @Test
  void byPathListsOneLevelOrAllAndPages() {
    for (String name : List.of("/t7/a", "/t7/b", "/t7/c", "/t7/deep/d", "/t7/deep/e")) {
      services.ssm().put(name, "String", name);
    }
    List<String> level = new ArrayList<>();
    int pages = 0;
    for (var page : ssm.getParametersByPathPaginator(b -> b.path("/t7").maxResults(2))) {
      pages++;
      page.parameters().forEach(p -> level.add(p.name()));
    }
    assertEquals(List.of("/t7/a", "/t7/b", "/t7/c"), level, "one level");
    assertEquals(2, pages, "two results a page, and a NextToken to the rest");
    List<String> all = new ArrayList<>();
    ssm.getParametersByPathPaginator(b -> b.path("/t7/").recursive(true).maxResults(2))
        .forEach(page -> page.parameters().forEach(p -> all.add(p.name())));
    assertEquals(List.of("/t7/a", "/t7/b", "/t7/c", "/t7/deep/d", "/t7/deep/e"), all);
  }

  @Test
  void parametersPersistUnderTheDataFolder(@TempDir Path data) {
    try (AwsServices first = AwsServices.start(data, 0); SsmClient client = Clients.ssm(first.endpoint())) {
      client.putParameter(b -> b.name("/t8/kept").value("one").type(ParameterType.STRING));
      client.putParameter(b -> b.name("/t8/kept").value("two").overwrite(true));
    }
    assertTrue(Files.exists(data.resolve("ssm/parameters.json")));
    assertFalse(Files.exists(data.resolve("ssm/parameters.json.partial")), "written aside, then moved into place");
    try (AwsServices second = AwsServices.start(data, 0); SsmClient client = Clients.ssm(second.endpoint())) {
      Parameter p = client.getParameter(b -> b.name("/t8/kept")).parameter();
      assertEquals("two", p.value());
      assertEquals(2L, p.version());
    }
  }
}
