package io.filestore.adapters.aws;

/** An AWS API refused a request the functions made themselves (permissions, a missing resource). */
public final class AwsRequestException extends RuntimeException {
  public AwsRequestException(String operation, AwsRequests.Response response) {
    super(operation + " failed with HTTP " + response.status()
        + (response.errorType() == null ? "" : " (" + response.errorType() + ")") + ": " + abbreviated(response.body()));
  }

  private static String abbreviated(String body) {
    return body.length() <= 500 ? body : body.substring(0, 500) + "…";
  }
}
