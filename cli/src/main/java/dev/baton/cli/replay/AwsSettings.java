package dev.baton.cli.replay;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * How {@code ./baton replay} reaches AWS from the user's machine: the default credentials chain and region (or
 * {@code --profile}, {@code --region}), endpoints from the SDK's standard {@code AWS_ENDPOINT_URL*} settings, and
 * one URL-connection HTTP client shared by its clients (closed by the owner of this object).
 */
final class AwsSettings implements AutoCloseable {
  private final String region;
  private final String profile;
  private final SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
      .socketTimeout(Duration.ofSeconds(30)).build();

  AwsSettings(String region, String profile) {
    this.region = region;
    this.profile = profile;
  }

  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    builder.httpClient(http);
    if (region != null) {
      builder.region(Region.of(region));
    } else if (profile != null) {
      builder.region(DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion());
    }
    if (profile != null) {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().profileName(profile).build());
    }
    return builder.build();
  }

  @Override
  public void close() {
    http.close();
  }
}
