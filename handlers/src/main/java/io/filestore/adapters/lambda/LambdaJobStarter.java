package io.filestore.adapters.lambda;

import io.filestore.adapters.aws.AwsRequestException;
import io.filestore.adapters.aws.AwsRequests;
import io.filestore.adapters.aws.JsonBodies;
import io.filestore.ports.JobStarter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Starts a job by invoking the process function asynchronously (Lambda's Invoke with the Event type):
 * Lambda queues the invocation and answers 202 at once, so the caller never waits for the endpoint.
 */
public final class LambdaJobStarter implements JobStarter {
  private final AwsRequests aws;
  private final URI endpoint;
  private final String path;

  public LambdaJobStarter(AwsRequests aws, URI endpoint, String functionName) {
    this.aws = aws;
    this.endpoint = endpoint;
    this.path = "/2015-03-31/functions/" + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations";
  }

  @Override
  public void start(String fileId) {
    String payload = JsonBodies.object(g -> g.writeStringField("fileId", fileId));
    AwsRequests.Response response = aws.post("lambda", endpoint, path,
        Map.of("Content-Type", "application/json", "X-Amz-Invocation-Type", "Event"), payload);
    if (response.status() != 202) {
      throw new AwsRequestException("Lambda Invoke", response);
    }
  }
}
