package dev.baton.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.baton.aws.LambdaCredentials.Source;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The credentials provider for what Lambda provides: with and without SnapStart, and outside Lambda. */
class LambdaCredentialsTest {
  private static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  @RegisterExtension static final LocalWireMock aws = new LocalWireMock();

  private final Map<String, String> env = new HashMap<>();

  @AfterEach
  void forget() {
    System.clearProperty("aws.containerCredentialsFullUri");
    System.clearProperty("aws.containerAuthorizationToken");
  }

  @Test
  void givenSnapStartsContainerVariables_thenTheContainerProvider_evenWhenKeysAreSetToo() {
    env.put(FULL_URI, "http://127.0.0.1:9001/2021-04-23/credentials");
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");
    assertEquals(Source.CONTAINER, LambdaCredentials.source(env::get));
    assertInstanceOf(ContainerCredentialsProvider.class, LambdaCredentials.provider(env::get));

    env.put("AWS_ACCESS_KEY_ID", "ASIAKEYS");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    assertEquals(Source.CONTAINER, LambdaCredentials.source(env::get));
  }

  @Test
  void givenTheExecutionRolesKeys_thenTheEnvironmentProvider() {
    env.put("AWS_ACCESS_KEY_ID", "ASIAKEYS");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_SESSION_TOKEN", "session");
    assertEquals(Source.ENVIRONMENT, LambdaCredentials.source(env::get));
    assertInstanceOf(EnvironmentVariableCredentialsProvider.class, LambdaCredentials.provider(env::get));
  }

  @Test
  void givenNeitherOrHalfOfTheKeysOrBlankValues_thenTheDefaultChain() {
    assertEquals(Source.DEFAULT_CHAIN, LambdaCredentials.source(env::get));
    env.put("AWS_ACCESS_KEY_ID", "ASIAKEYS");
    assertEquals(Source.DEFAULT_CHAIN, LambdaCredentials.source(env::get));
    env.put("AWS_SECRET_ACCESS_KEY", " ");
    env.put(FULL_URI, "");
    assertEquals(Source.DEFAULT_CHAIN, LambdaCredentials.source(env::get));
    assertInstanceOf(DefaultCredentialsProvider.class, LambdaCredentials.provider(env::get));
  }

  @Test
  void givenContainerCredentials_whenAClientCalls_thenTheyAreFetchedWithTheTokenAndSignTheRequest() {
    aws.stubFor(get(urlEqualTo("/2021-04-23/credentials")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"secret\",\"Token\":\"session-token\","
            + "\"Expiration\":\"2099-01-01T00:00:00Z\"}")));
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{}")));
    String uri = aws.endpoint() + "/2021-04-23/credentials";
    // the provider reads the URI and the token as the SDK does (system property, else environment variable)
    System.setProperty("aws.containerCredentialsFullUri", uri);
    System.setProperty("aws.containerAuthorizationToken", "lambda-token");
    env.put(FULL_URI, uri);

    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(aws.endpoint()).region(Region.EU_WEST_1)
        .credentialsProvider(LambdaCredentials.provider(env::get)).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("k"))));
      dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("k2"))));
    }

    aws.verify(1, getRequestedFor(urlEqualTo("/2021-04-23/credentials"))
        .withHeader("Authorization", equalTo("lambda-token")));
    aws.verify(2, postRequestedFor(urlEqualTo("/"))
        .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=ASIACONTAINER/\\d{8}/eu-west-1/dynamodb/.*"))
        .withHeader("X-Amz-Security-Token", equalTo("session-token")));
  }
}
