package dev.baton.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/** What every function's SDK clients share, and the requests they still make: real clients against WireMock. */
class AwsClientsTest {
  @RegisterExtension static final LocalWireMock aws = new LocalWireMock();
  @TempDir Path dir;

  @AfterEach
  void forgetProfileSettings() {
    System.clearProperty("aws.configFile");
    System.clearProperty("aws.sharedCredentialsFile");
  }

  @Test
  void givenClientsOfFourServices_thenAllGetTheOneHttpClientAndTheOneCredentialsProvider() {
    List<Object> http = new ArrayList<>();
    List<Object> credentials = new ArrayList<>();

    try (DynamoDbClient dynamo = AwsClients.build(recording(DynamoDbClientBuilder.class, DynamoDbClient.builder(),
            http, credentials));
         SnsClient sns = AwsClients.build(recording(SnsClientBuilder.class, SnsClient.builder(), http, credentials));
         SecretsManagerClient secrets = AwsClients.build(recording(SecretsManagerClientBuilder.class,
             SecretsManagerClient.builder(), http, credentials));
         LambdaClient lambda = AwsClients.build(recording(LambdaClientBuilder.class, LambdaClient.builder(), http,
             credentials))) {
      assertEquals(4, http.size());
      http.forEach(h -> assertSame(AwsClients.httpClient(), h));
      credentials.forEach(c -> assertSame(AwsClients.credentials(), c));
      assertEquals(4, credentials.size());
      // the build's environment has the key variables (surefire), as a function without SnapStart has
      assertTrue(AwsClients.credentials() instanceof EnvironmentVariableCredentialsProvider,
          () -> AwsClients.credentials().toString());
      assertEquals(Region.EU_WEST_1, dynamo.serviceClientConfiguration().region());
    }
  }

  @Test
  void givenTheSharedClient_whenTwoServicesCall_thenBothRequestsGoOutSignedForTheRegionWithTheirTargets() {
    aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.GetItem"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
            .withBody("{\"Item\":{\"pk\":{\"S\":\"k\"}}}")));
    aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Name\":\"baton/slack\",\"SecretString\":\"s\"}")));

    try (DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder().endpointOverride(aws.endpoint()));
         SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder()
             .endpointOverride(aws.endpoint()))) {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("t")
          .key(Map.of("pk", AttributeValue.fromS("k")))).item();
      String secret = secrets.getSecretValue(b -> b.secretId("baton/slack")).secretString();

      assertEquals("k", item.get("pk").s());
      assertEquals("s", secret);
    }
    aws.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.GetItem"))
        .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=test/\\d{8}/eu-west-1/dynamodb/"
            + "aws4_request, .*"))
        .withRequestBody(equalToJson("{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"k\"}}}")));
    aws.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .withHeader("Authorization", containing("/eu-west-1/secretsmanager/aws4_request"))
        .withRequestBody(equalToJson("{\"SecretId\":\"baton/slack\"}")));
  }

  @Test
  void givenAProfileFileWithSettings_thenBatonsClientsNeverReadIt_whileAPlainClientDoes() throws Exception {
    Path config = Files.writeString(dir.resolve("config"), "[default]\nsdk_ua_app_id = read-from-profile\n");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", dir.resolve("none").toString());
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{}")));

    try (DynamoDbClient baton = AwsClients.build(DynamoDbClient.builder().endpointOverride(aws.endpoint()));
         DynamoDbClient plain = DynamoDbClient.builder().endpointOverride(aws.endpoint()).region(Region.EU_WEST_1)
             .httpClient(UrlConnectionHttpClient.create()).build()) {
      baton.getItem(b -> b.tableName("baton").key(Map.of("pk", AttributeValue.fromS("k"))));
      plain.getItem(b -> b.tableName("plain").key(Map.of("pk", AttributeValue.fromS("k"))));
    }

    String batonAgent = userAgentOf("baton");
    String plainAgent = userAgentOf("plain");
    assertFalse(batonAgent.contains("read-from-profile"), batonAgent);
    assertTrue(plainAgent.contains("app/read-from-profile"), "the control read the profile file: " + plainAgent);
  }

  private static String userAgentOf(String table) {
    return aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("\"" + table + "\"")))
        .getFirst().getHeader("User-Agent");
  }

  /** {@code builder} behind a proxy that notes the HTTP client and credentials provider it is given. */
  @SuppressWarnings("unchecked")
  private static <B> B recording(Class<B> type, B builder, List<Object> http, List<Object> credentials) {
    return (B) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().equals("httpClient") && args != null && args.length == 1) {
        http.add(args[0]);
      }
      if (method.getName().equals("credentialsProvider") && args != null && args.length == 1) {
        credentials.add(args[0]);
      }
      try {
        Object result = method.invoke(builder, args);
        return result == builder ? proxy : result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }
}
