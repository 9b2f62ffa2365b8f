package io.filestore.adapters.aws;

import io.filestore.config.Env;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients once per function instance, with everything explicit (region, credentials,
 * HTTP client) so that no provider chain is probed on the cold-start path. The standard
 * AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_DYNAMODB variables point them elsewhere, as for any SDK.
 */
public final class AwsClients {
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final URI s3Endpoint;
  private final URI dynamoEndpoint;
  private final SdkHttpClient http;
  private final Env env;
  private final AwsRequests requests;

  public AwsClients(Env env) {
    this.env = env;
    this.region = Region.of(env.required("AWS_REGION"));
    this.credentials = credentials(env);
    this.s3Endpoint = uri(env, "AWS_ENDPOINT_URL_S3");
    this.dynamoEndpoint = uri(env, "AWS_ENDPOINT_URL_DYNAMODB");
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
    this.requests = new AwsRequests(http, credentials, region);
  }

  public DynamoDbClient dynamoDb() {
    var builder = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
    if (dynamoEndpoint != null) {
      builder.endpointOverride(dynamoEndpoint);
    }
    return builder.build();
  }

  /** The HTTP client the DynamoDB client uses; the S3 adapter sends its presigned requests with it. */
  public SdkHttpClient http() {
    return http;
  }

  /** Signed requests to the APIs the functions call without an SDK client (SSM, SNS, Lambda). */
  public AwsRequests requests() {
    return requests;
  }

  /**
   * The service's endpoint: {@code AWS_ENDPOINT_URL_<SERVICE>} when set (the local stack), as the SDK
   * clients read it, otherwise the region's public endpoint.
   */
  public URI endpoint(String service) {
    URI override = uri(env, "AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT));
    String domain = region.id().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return override != null ? override : URI.create("https://" + service + "." + region.id() + "." + domain);
  }

  /** Presigned URLs carry the endpoint's host in their signature, so it must be the host clients use. */
  public S3Presigner presigner() {
    var builder = S3Presigner.builder().region(region).credentialsProvider(credentials);
    if (s3Endpoint != null) {
      builder.endpointOverride(s3Endpoint)
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  /**
   * With SnapStart, Lambda hands out container credentials instead of key variables, because keys
   * captured in a snapshot would go stale. Otherwise the execution role's keys are in the environment.
   */
  private static AwsCredentialsProvider credentials(Env env) {
    if (env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
      return ContainerCredentialsProvider.builder().build();
    }
    String key = env.required("AWS_ACCESS_KEY_ID");
    String secret = env.required("AWS_SECRET_ACCESS_KEY");
    String token = env.optional("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(token == null
        ? AwsBasicCredentials.create(key, secret)
        : AwsSessionCredentials.create(key, secret, token));
  }

  private static URI uri(Env env, String name) {
    String value = env.optional(name);
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new Env.ConfigurationException(name + " must be an absolute URL, not '" + value + "'");
    }
  }
}
