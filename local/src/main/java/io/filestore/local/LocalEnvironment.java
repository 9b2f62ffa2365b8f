package io.filestore.local;

import io.filestore.emulators.Emulators;
import io.filestore.emulators.Topics;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a function gets locally: the variable names the wiring gives it on AWS, with local
 * values (a variable set in the shell wins), and the standard AWS variables pointing at the emulators.
 */
final class LocalEnvironment {
  /** The settings' SSM prefix, as Terraform's /filestore/&lt;env&gt;. */
  static final String SETTINGS_PREFIX = "/filestore/local";
  /** The topic job outcomes are published to. */
  static final String TOPIC = "filestore-processing-local";
  /** Locally, functions are invoked by their wiring names. */
  static final String PROCESS_FUNCTION = "process";

  private LocalEnvironment() {}

  /** Where the emulated AWS services are: S3, DynamoDB, and one endpoint for SSM, SNS and Lambda. */
  record Endpoints(URI s3, URI dynamodb, URI aws) {}

  static Map<String, String> of(Wiring.Function function, Endpoints endpoints, boolean storeOnLoad) {
    Map<String, String> values = new HashMap<>();
    values.put("TABLE_NAME", LocalStack.NAME);
    values.put("BUCKET_NAME", LocalStack.NAME);
    values.put("CORS_ALLOW_ORIGIN", "*");
    values.put("STORE_ON_LOAD", String.valueOf(storeOnLoad));
    values.put("SETTINGS_PREFIX", SETTINGS_PREFIX);
    values.put("PROCESS_FUNCTION_NAME", PROCESS_FUNCTION);
    values.put("TOPIC_ARN", Topics.arn(TOPIC));
    // Shorter than on AWS, so that a failed job is seen retried within a minute on a developer's machine.
    values.put("RETRY_BASE_SECONDS", "5");
    values.put("RETRY_MAX_DELAY_SECONDS", "60");
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
    env.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamodb().toString());
    env.put("AWS_ENDPOINT_URL_SSM", endpoints.aws().toString());
    env.put("AWS_ENDPOINT_URL_SNS", endpoints.aws().toString());
    env.put("AWS_ENDPOINT_URL_LAMBDA", endpoints.aws().toString());
    return env;
  }
}
