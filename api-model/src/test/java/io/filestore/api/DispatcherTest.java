package io.filestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing by resource template or by raw path, without reflection. */
class DispatcherTest {

  @Test
  void routesAreTheSpecsNonPreflightOperations() {
    assertEquals(List.of("POST /files", "DELETE /files/{id}", "GET /files/{id}/download", "GET /files/{id}",
        "GET /files", "POST /files/{id}/store"), FilesApiDispatcher.ROUTES);
  }

  @Test
  void matchesByResourceOrByPath() {
    var byResource = ApiRouting.match(new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/files/{id}")
        .withPath("/files/abc").withPathParameters(Map.of("id", "abc")), FilesApiDispatcher.ROUTES);
    assertEquals("GET /files/{id}", byResource.route());
    var byPath = ApiRouting.match(new APIGatewayProxyRequestEvent().withHttpMethod("post").withPath("/files/a%20b/store/"),
        FilesApiDispatcher.ROUTES);
    assertEquals("POST /files/{id}/store", byPath.route());
    assertEquals("a b", byPath.pathParams().get("id"));
    assertNull(ApiRouting.match(new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/files/a/b/c"),
        FilesApiDispatcher.ROUTES));
    assertTrue(ApiRouting.pathMatches(new APIGatewayProxyRequestEvent().withHttpMethod("PUT").withPath("/files/x"),
        FilesApiDispatcher.ROUTES));
  }

  @Test
  void repeatedQueryParametersAreRefused() {
    var event = new APIGatewayProxyRequestEvent().withQueryStringParameters(Map.of("limit", "5"))
        .withMultiValueQueryStringParameters(Map.of("limit", List.of("5", "6")));
    ApiProblem p = org.junit.jupiter.api.Assertions.assertThrows(ApiProblem.class, () -> ApiRouting.queryInt(event, "limit", 20, 1, 100));
    assertEquals("limit", p.toProblem(null, null).getErrors().get(0).getField());
  }
}
