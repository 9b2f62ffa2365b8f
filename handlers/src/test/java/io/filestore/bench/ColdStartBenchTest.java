package io.filestore.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.filestore.functions.ApiFunction;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The benchmark is not part of the test run; this keeps its environment in step with what the API
 * function requires, so that a new required variable fails here rather than in the next benchmark.
 */
class ColdStartBenchTest {
  @Test
  void theApiFunctionStartsFromTheBenchEnvironment() {
    URI unused = URI.create("http://127.0.0.1:9");
    assertDoesNotThrow(() -> new ApiFunction(ColdStartBench.environment(unused, unused)));
  }
}
