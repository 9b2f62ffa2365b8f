package io.filestore.local;

import io.filestore.domain.Principals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filestore.emulators.AwsServices;
import io.filestore.emulators.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings are seeded from the wiring on the first start only, and then belong to the administrators. */
class LocalSettingsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String RECEIVER = "http://127.0.0.1:4566/_local/receiver";
  private static final String KEY = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path data;

  private static String value(ParameterStore store, String setting) {
    return store.find(LocalSettings.name(setting)).orElseThrow().value();
  }

  @Test
  void theFirstStartMakesEverySettingWithItsLocalValue() throws Exception {
    Wiring wiring = Wiring.read(ROOT.resolve("wiring/filestore.json"));
    try (AwsServices services = AwsServices.start(data, 0)) {
      LocalSettings.Seeded seeded = LocalSettings.seed(services.ssm(), wiring.settings(), RECEIVER, KEY);
      assertEquals(wiring.settings().stream().map(Wiring.Setting::name).toList(), seeded.created(), "every setting of the wiring");
      ParameterStore ssm = services.ssm();
      assertEquals("true", value(ssm, "processing/enabled"));
      assertEquals(RECEIVER, value(ssm, "processing/endpoint"));
      assertEquals("10", value(ssm, "processing/timeout-seconds"), "the wiring's default");
      assertEquals("5", value(ssm, "processing/max-attempts"));
      assertTrue(value(ssm, "processing/secret").matches("[0-9a-f]{64}"), "a random secret, not the wiring's placeholder");
      assertEquals(ParameterStore.SECURE_STRING, ssm.find("/filestore/local/processing/secret").orElseThrow().type());
      assertEquals(Principals.ofApiKey(KEY), value(ssm, "admin-principals"));
      assertEquals(ParameterStore.STRING_LIST, ssm.find("/filestore/local/admin-principals").orElseThrow().type());
    }
  }

  @Test
  void laterStartsKeepWhatAnAdministratorChangedButFollowTheReceiversPort() throws Exception {
    Wiring wiring = Wiring.read(ROOT.resolve("wiring/filestore.json"));
    String secret;
    try (AwsServices first = AwsServices.start(data, 0)) {
      LocalSettings.seed(first.ssm(), wiring.settings(), RECEIVER, KEY);
      secret = value(first.ssm(), "processing/secret");
      first.ssm().put(LocalSettings.name("processing/enabled"), "String", "false");
      first.ssm().put(LocalSettings.name("processing/max-attempts"), "String", "2");
    }
    try (AwsServices second = AwsServices.start(data, 0)) {
      String moved = "http://127.0.0.1:5000/_local/receiver";
      LocalSettings.Seeded seeded = LocalSettings.seed(second.ssm(), wiring.settings(), moved, KEY);
      assertEquals(List.of(), seeded.created());
      assertEquals(List.of("processing/endpoint"), seeded.moved(), "the receiver is on this start's port");
      assertEquals(moved, value(second.ssm(), "processing/endpoint"));
      assertEquals("false", value(second.ssm(), "processing/enabled"));
      assertEquals("2", value(second.ssm(), "processing/max-attempts"));
      assertEquals(secret, value(second.ssm(), "processing/secret"), "the secret is made once");
      assertEquals(secret, LocalSettings.secret(second.ssm()));

      second.ssm().put(LocalSettings.name("processing/endpoint"), "String", "https://ocr.example.com/v1/jobs");
      assertEquals(List.of(), LocalSettings.seed(second.ssm(), wiring.settings(), RECEIVER, KEY).moved());
      assertEquals("https://ocr.example.com/v1/jobs", value(second.ssm(), "processing/endpoint"), "an endpoint set elsewhere stays");
    }
  }

  @Test
  void theKeysPrincipalIsTheDigestTheApiFunctionComputes() {
    // SHA-256("abc") begins ba7816bf8f01cfea414140de5dae2223 (FIPS 180-2's example).
    assertEquals("key:ba7816bf8f01cfea414140de5dae2223", Principals.ofApiKey("abc"));
  }
}
