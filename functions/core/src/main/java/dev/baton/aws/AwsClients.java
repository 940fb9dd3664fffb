package dev.baton.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * How every Baton function builds its AWS clients, and what they share in one process:
 * <ul>
 *   <li><b>one HTTP client</b> ({@link #httpClient()}): the URL-connection client over the JDK's
 *       {@code HttpURLConnection}, with Baton's timeouts. Its TLS is the JDK's default context, set up on the first
 *       HTTPS connection and shared with the Slack client, instead of an SSL context with the CA certificates loaded
 *       per SDK client when the client is built;</li>
 *   <li><b>one credentials provider</b> ({@link #credentials()}), chosen for what Lambda provides
 *       ({@link LambdaCredentials});</li>
 *   <li>the region from {@code AWS_REGION} (no region look-up chain), standard-mode retries with backoff for
 *       throttling and 5xx, and <b>no profile file</b>: Lambda has none, so the SDK is not sent looking for
 *       {@code ~/.aws/config} for its settings.</li>
 * </ul>
 * Endpoints come from the SDK's standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} settings;
 * without them, the functions' clients ({@link #regional}) name a commercial region's endpoint up front
 * ({@link RegionalEndpoints}: the URL the SDK's rules give, without their cost at a cold start). The
 * shared parts are built when the first client is, and a function builds its clients only when an event needs them
 * (the {@code Lazy*Client} adapters).
 */
public final class AwsClients {
  /** Attempts per call, the first included. */
  public static final int MAX_ATTEMPTS = 4;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final ProfileFile NO_PROFILE_FILE = ProfileFile.aggregator().build();

  private AwsClients() {}

  /** {@code builder} (any service's sync client) with the settings above, built. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    return builder.region(region())
        .credentialsProvider(credentials())
        .httpClient(httpClient())
        .overrideConfiguration(overrides())
        .build();
  }

  /**
   * {@link #build} for a function's own client of DynamoDB, CodePipeline, EventBridge or SNS, with its regional
   * endpoint named where {@link RegionalEndpoints} can (a builder's own endpoint override would be replaced: give
   * such a builder to {@link #build}).
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C regional(B builder) {
    return build(RegionalEndpoints.apply(builder, region()));
  }

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

  /** The process's one HTTP client, for every SDK client (the SDK does not close a client it was given). */
  public static SdkHttpClient httpClient() {
    return Shared.HTTP;
  }

  /** The process's one credentials provider, so credentials are fetched and refreshed once for all clients. */
  public static AwsCredentialsProvider credentials() {
    return Shared.CREDENTIALS;
  }

  public static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .apiCallTimeout(Duration.ofSeconds(25))
        .defaultProfileFileSupplier(() -> NO_PROFILE_FILE)
        .defaultProfileName("default")
        .build();
  }

  /** An {@code HttpURLConnection} with Baton's timeouts and the JDK's defaults for TLS and proxies. */
  static HttpURLConnection open(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) READ_TIMEOUT.toMillis());
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a connection to " + uri.getHost(), e);
    }
  }

  /** Built when the first client is (a lazy holder), never at class load of a handler that needs no client. */
  private static final class Shared {
    static final SdkHttpClient HTTP = UrlConnectionHttpClient.create(AwsClients::open);
    static final AwsCredentialsProvider CREDENTIALS = LambdaCredentials.provider(System::getenv);
  }
}
