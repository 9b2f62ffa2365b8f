package io.filestore.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filestore.functions.ApiFunction;
import io.filestore.functions.ExpireFunction;
import io.filestore.functions.ProcessFunction;
import io.filestore.functions.RetryFunction;
import io.filestore.functions.ObjectCreatedFunction;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A function with bad configuration refuses to start, and says which variable to fix. */
class EnvTest {
  private static Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("TABLE_NAME", "files");
    env.put("BUCKET_NAME", "bucket");
    env.put("SETTINGS_PREFIX", "/filestore/test");
    env.put("PROCESS_FUNCTION_NAME", "process");
    env.put("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:outcomes");
    return env;
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      TABLE_NAME                   | NULL         | TABLE_NAME must be set
      BUCKET_NAME                  | '  '         | BUCKET_NAME must be set
      AWS_REGION                   | NULL         | AWS_REGION must be set
      STORE_ON_LOAD                | yes          | STORE_ON_LOAD must be true or false
      MAX_FILE_SIZE_BYTES          | 10GB         | MAX_FILE_SIZE_BYTES must be a whole number
      MAX_FILE_SIZE_BYTES          | 6000000000   | MAX_FILE_SIZE_BYTES must be between 0 and 5368709120
      UPLOAD_URL_TTL_SECONDS       | 5            | UPLOAD_URL_TTL_SECONDS must be between 60 and 43200
      UNSTORED_FILE_TTL_SECONDS    | 600          | UNSTORED_FILE_TTL_SECONDS must be longer than UPLOAD_URL_TTL_SECONDS
      ALLOWED_CONTENT_TYPES        | ' , '        | ALLOWED_CONTENT_TYPES must list at least one value
      EXPIRE_MAX_PER_RUN           | 0            | EXPIRE_MAX_PER_RUN must be between 1 and 100000
      TOMBSTONE_RETENTION_DAYS     | -1           | TOMBSTONE_RETENTION_DAYS must be between 1 and 3650
      AWS_ENDPOINT_URL_S3          | localhost    | AWS_ENDPOINT_URL_S3 must be an absolute URL
      AWS_ENDPOINT_URL_SSM         | ssm          | AWS_ENDPOINT_URL_SSM must be an absolute URL
      SETTINGS_PREFIX              | NULL         | SETTINGS_PREFIX must be set
      SETTINGS_CACHE_SECONDS       | -1           | SETTINGS_CACHE_SECONDS must be between 0 and 3600
      PROCESS_FUNCTION_NAME        | ' '          | PROCESS_FUNCTION_NAME must be set
      TOPIC_ARN                    | NULL         | TOPIC_ARN must be set
      RETRY_BASE_SECONDS           | 0            | RETRY_BASE_SECONDS must be between 1 and 3600
      PROCESSING_URL_TTL_SECONDS   | 5            | PROCESSING_URL_TTL_SECONDS must be between 60 and 3600
      RETRY_MAX_PER_RUN            | 5000         | RETRY_MAX_PER_RUN must be between 1 and 1000
      """)
  void namesTheVariable(String name, String value, String message) {
    Map<String, String> env = base();
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    Env.ConfigurationException e = assertThrows(Env.ConfigurationException.class, () -> {
      new ApiFunction(env);
      new ObjectCreatedFunction(env);
      new ExpireFunction(env);
      new ProcessFunction(env);
      new RetryFunction(env);
    });
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"TRUE, true", "false, false", "' true ', true"})
  void booleans(String value, boolean expected) {
    assertEquals(expected, new Env(Map.of("X", value)).bool("X", !expected));
  }
}
