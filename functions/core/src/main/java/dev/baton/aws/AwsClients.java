package dev.baton.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every Baton function builds its AWS clients: once per process, with the region set explicitly (no region
 * look-up chain at cold start), the lean URL-connection HTTP client, standard-mode retries with backoff for
 * throttling and 5xx, and the default credentials chain (SnapStart restores credentials through it). Endpoints
 * come from the SDK's standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} settings.
 */
public final class AwsClients {
  /** Attempts per call, the first included. */
  public static final int MAX_ATTEMPTS = 4;

  private AwsClients() {}

  public static Region region() {
    String region = System.getenv("AWS_REGION");
    if (region == null || region.isBlank()) {
      region = System.getenv("AWS_DEFAULT_REGION");
    }
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("AWS_REGION is not set (Lambda sets it; set it for a local run)");
    }
    return Region.of(region);
  }

  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(10))
        .build();
  }

  public static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .apiCallTimeout(Duration.ofSeconds(25))
        .build();
  }
}
