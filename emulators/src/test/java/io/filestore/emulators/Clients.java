package io.filestore.emulators;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The official SDK clients, pointed at the emulators, with the emulators' key or another secret. */
final class Clients {
  private Clients() {}

  static StaticCredentialsProvider credentials(String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulators.ACCESS_KEY, secret));
  }

  static SsmClient ssm(URI endpoint) {
    return ssm(endpoint, credentials(Emulators.SECRET_KEY));
  }

  static SsmClient ssm(URI endpoint, StaticCredentialsProvider credentials) {
    return SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
        .region(Region.US_EAST_1).credentialsProvider(credentials).build();
  }

  static SnsClient sns(URI endpoint) {
    return sns(endpoint, credentials(Emulators.SECRET_KEY));
  }

  static SnsClient sns(URI endpoint, StaticCredentialsProvider credentials) {
    return SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
        .region(Region.US_EAST_1).credentialsProvider(credentials).build();
  }

  static LambdaClient lambda(URI endpoint) {
    return lambda(endpoint, credentials(Emulators.SECRET_KEY));
  }

  static LambdaClient lambda(URI endpoint, StaticCredentialsProvider credentials) {
    return LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
        .region(Region.US_EAST_1).credentialsProvider(credentials).build();
  }
}
