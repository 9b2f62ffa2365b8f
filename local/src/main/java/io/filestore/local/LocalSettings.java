package io.filestore.local;

import io.filestore.domain.Principals;
import io.filestore.emulators.ParameterStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The wiring's settings as SSM parameters under {@link LocalEnvironment#SETTINGS_PREFIX}, made on the first
 * start only, so that whatever an administrator changes afterwards (through the admin API or an SSM client)
 * is kept. Locally, processing starts on, sends to the stack's own receiver, signs with a secret made once
 * (kept with the parameters in the data folder), and the stack's API key is an administrator.
 */
final class LocalSettings {
  static final String ENABLED = "processing/enabled";
  static final String ENDPOINT = "processing/endpoint";
  static final String SECRET = "processing/secret";
  static final String ADMINS = "admin-principals";
  /** What an endpoint seeded by some earlier start looks like, whatever its port. */
  private static final Pattern LOCAL_RECEIVER = Pattern.compile("http://127\\.0\\.0\\.1:\\d+" + Pattern.quote(LocalStack.RECEIVER_PATH));

  private LocalSettings() {}

  /** What seeding did: the settings it made, and those it moved to the receiver's new port. */
  record Seeded(List<String> created, List<String> moved) {}

  /**
   * @param receiverUrl the stack's receiver, where processing sends locally
   * @param apiKey the stack's API key, whose principal becomes an administrator
   */
  static Seeded seed(ParameterStore store, List<Wiring.Setting> settings, String receiverUrl, String apiKey) {
    Map<String, String> local = Map.of(ENABLED, "true", ENDPOINT, receiverUrl, SECRET, newSecret(), ADMINS, Principals.ofApiKey(apiKey));
    List<String> created = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    for (Wiring.Setting setting : settings) {
      String name = name(setting.name());
      String value = local.getOrDefault(setting.name(), setting.defaultValue());
      if (store.putIfAbsent(name, setting.type(), value)) {
        created.add(setting.name());
        continue;
      }
      // The receiver lives on the API's port, which may differ from one start to the next; an endpoint an
      // administrator pointed elsewhere is theirs and stays.
      if (setting.name().equals(ENDPOINT)) {
        String current = store.find(name).map(ParameterStore.Parameter::value).orElse("");
        if (LOCAL_RECEIVER.matcher(current).matches() && !current.equals(receiverUrl)) {
          store.put(name, setting.type(), receiverUrl);
          moved.add(setting.name());
        }
      }
    }
    return new Seeded(List.copyOf(created), List.copyOf(moved));
  }

  /** The full parameter name of a setting. */
  static String name(String setting) {
    return LocalEnvironment.SETTINGS_PREFIX + "/" + setting;
  }

  /** The current signing secret, which the receiver verifies with, or null when there is none. */
  static String secret(ParameterStore store) {
    Optional<ParameterStore.Parameter> secret = store.find(name(SECRET));
    return secret.map(ParameterStore.Parameter::value).orElse(null);
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }
}
