package io.filestore.local;

import io.filestore.emulators.Emulators;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a function gets locally: the variable names the wiring gives it on AWS, with local
 * values (a variable set in the shell wins), and the standard AWS variables pointing at the emulators.
 */
final class LocalEnvironment {
  private LocalEnvironment() {}

  static Map<String, String> of(Wiring.Function function, URI s3, URI dynamodb, boolean storeOnLoad) {
    Map<String, String> values = new HashMap<>();
    values.put("TABLE_NAME", LocalStack.NAME);
    values.put("BUCKET_NAME", LocalStack.NAME);
    values.put("CORS_ALLOW_ORIGIN", "*");
    values.put("STORE_ON_LOAD", String.valueOf(storeOnLoad));
    Map<String, String> env = new HashMap<>();
    for (String name : function.environment()) {
      String value = System.getenv(name) != null ? System.getenv(name) : values.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.put("AWS_REGION", Emulators.REGION);
    env.put("AWS_ACCESS_KEY_ID", Emulators.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", Emulators.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_S3", s3.toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.toString());
    return env;
  }
}
