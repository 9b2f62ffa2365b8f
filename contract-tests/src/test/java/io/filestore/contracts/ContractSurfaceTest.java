package io.filestore.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filestore.api.FilesApiDispatcher;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The surface the Pact contracts will cover (issue 5): every operation of the spec. When an operation
 * is added, this fails until the contracts are told about it.
 */
class ContractSurfaceTest {

  @Test
  void operationsToCover() {
    assertEquals(new TreeSet<>(Set.of("POST /files", "GET /files", "GET /files/{id}", "DELETE /files/{id}",
        "POST /files/{id}/store", "GET /files/{id}/download")), new TreeSet<>(FilesApiDispatcher.ROUTES));
  }
}
