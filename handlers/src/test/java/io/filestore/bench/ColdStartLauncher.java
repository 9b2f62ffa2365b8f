package io.filestore.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.filestore.functions.ApiFunction;
import java.util.Map;

/**
 * One cold start: a fresh JVM builds the API function from its environment (the init phase) and
 * answers one create-upload request, then prints the status. Only the shipped jar and this class are
 * on the class path.
 */
public final class ColdStartLauncher {
  private ColdStartLauncher() {}

  public static void main(String[] args) {
    ApiFunction function = new ApiFunction();
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST").withPath("/files").withResource("/files")
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{\"name\":\"cold.txt\",\"contentType\":\"text/plain\",\"size\":5,\"metadata\":{\"title\":\"cold\"}}")
        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId("cold-start")
            .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withApiKey("bench-api-key")));
    APIGatewayProxyResponseEvent response = function.handleRequest(event, null);
    System.out.println("STATUS " + response.getStatusCode());
    System.out.flush();
    System.exit(response.getStatusCode() == 201 ? 0 : 1);
  }
}
