package dev.baton.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A WireMock server on a loopback port standing in for an AWS (or Slack) API in an adapter test, and real SDK clients
 * pointed at it. Register it as {@code @RegisterExtension static final LocalWireMock wiremock = new LocalWireMock();}:
 * stubs and requests are forgotten before each test and the server stops after the class.
 */
public final class LocalWireMock extends WireMockServer implements BeforeEachCallback, AfterAllCallback {
  public LocalWireMock() {
    super(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** {@code builder} (any service's) built against this server, eu-west-1, with fixed test credentials. */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    return builder.endpointOverride(endpoint()).region(Region.EU_WEST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    resetAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }
}
