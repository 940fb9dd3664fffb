package dev.baton.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.aws.lambda.AsyncInvoker;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The calls made without a generated client: signed, retried and failed exactly as the SDK's clients do. */
class LeanAwsClientTest {
  private static final String TARGET = "AmazonSSM.GetParameter";
  private static WireMockServer aws;
  private static URI endpoint;

  @BeforeAll
  static void start() {
    aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    aws.start();
    endpoint = URI.create("http://127.0.0.1:" + aws.port());
  }

  @AfterAll
  static void stop() {
    aws.stop();
  }

  @BeforeEach
  void reset() {
    aws.resetAll();
  }

  private static LeanAwsClient client(LeanAwsClient.Service service, URI at) {
    return new LeanAwsClient(service, at, Region.EU_WEST_1, UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")));
  }

  @Test
  void givenAJsonCall_thenTheRequestIsSignedForTheServiceAndRegionAndTheAnswerParsed() {
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"Parameter\":{\"Name\":\"/a\",\"Type\":\"SecureString\",\"Value\":\"v\"}}")));

    assertEquals("v", client(LeanAwsClient.SSM, endpoint).json11(TARGET, Map.of("Name", "/a", "WithDecryption", true))
        .object("Parameter").string("Value"));

    aws.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo(TARGET))
        .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
        .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ssm/aws4_request, "
            + "SignedHeaders=[a-z0-9;-]*content-type[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}"))
        .withHeader("X-Amz-Security-Token", equalTo("session-token"))
        .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
        .withRequestBody(equalToJson("{\"Name\":\"/a\",\"WithDecryption\":true}")));
  }

  @Test
  void givenThrottlingAndA5xx_thenTheCallIsRetriedUntilItSucceeds() {
    aws.stubFor(post(urlEqualTo("/")).inScenario("s").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("5xx")
        .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
    aws.stubFor(post(urlEqualTo("/")).inScenario("s").whenScenarioStateIs("5xx").willSetStateTo("ok")
        .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
    aws.stubFor(post(urlEqualTo("/")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{}")));

    assertEquals("{}", client(LeanAwsClient.SSM, endpoint).json11(TARGET, Map.of("Name", "/a")).toString());
    aws.verify(3, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenThrottlingOnEveryAttempt_thenItFailsAfterTheSdksAttemptsWithTheCode() {
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withBody("{\"__type\":\"com.amazonaws.ssm#ThrottlingException\",\"message\":\"Rate exceeded\"}")));

    AwsServiceException e = assertThrows(AwsServiceException.class,
        () -> client(LeanAwsClient.SSM, endpoint).json11(TARGET, Map.of("Name", "/a")));

    assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
    assertEquals(true, e.isThrottlingException());
    aws.verify(AwsClients.MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenAClientError_thenItIsNotRetried() {
    aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));

    AwsServiceException e = assertThrows(AwsServiceException.class,
        () -> client(LeanAwsClient.SSM, endpoint).json11(TARGET, Map.of("Name", "/a")));

    assertEquals("ParameterNotFound", e.awsErrorDetails().errorCode());
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenAnAsyncInvoke_thenTheFunctionArnIsOnePathSegmentAndTheErrorHeaderGivesTheCode() {
    String function = "arn:aws:lambda:eu-west-1:123456789012:function:baton-ApprovalCallback-1A2B:live";
    String path = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3A"
        + "baton-ApprovalCallback-1A2B%3Alive/invocations";
    aws.stubFor(post(urlEqualTo(path)).inScenario("l").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException:http://x/")
            .withBody("{\"message\":\"Rate Exceeded.\"}")));
    aws.stubFor(post(urlEqualTo(path)).inScenario("l").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(202)));

    new AsyncInvoker(() -> client(LeanAwsClient.LAMBDA, endpoint)).invoke(function, "{\"batonFinish\":{}}");

    aws.verify(2, postRequestedFor(urlEqualTo(path)).withHeader("X-Amz-Invocation-Type", equalTo("Event"))
        .withHeader("Authorization", matching(".*/eu-west-1/lambda/aws4_request, .*"))
        .withRequestBody(equalToJson("{\"batonFinish\":{}}")));

    aws.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(404)
        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/")
        .withBody("{\"Type\":\"User\",\"message\":\"Function not found\"}")));
    AwsServiceException e = assertThrows(AwsServiceException.class,
        () -> new AsyncInvoker(() -> client(LeanAwsClient.LAMBDA, endpoint)).invoke(function, "{}"));
    assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
  }

  @Test
  void givenNoServerListening_thenTheIoErrorIsRetriedAndThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SdkClientException e = assertThrows(SdkClientException.class,
        () -> client(LeanAwsClient.SSM, URI.create("http://127.0.0.1:" + port)).json11(TARGET, Map.of()));
    assertEquals(true, e.getMessage().startsWith("cannot reach ssm at 127.0.0.1"), e.getMessage());
    assertInstanceOf(java.io.IOException.class, e.getCause());
  }

  @Test
  void theEndpointFollowsTheSdksStandardSettings() {
    Region r = Region.EU_WEST_1;
    Map<String, String> none = Map.of();
    assertEquals(URI.create("https://ssm.eu-west-1.amazonaws.com"),
        LeanAwsClient.endpoint(LeanAwsClient.SSM, r, none::get, none::get));
    assertEquals(URI.create("https://secretsmanager-fips.eu-west-1.amazonaws.com"),
        LeanAwsClient.endpoint(LeanAwsClient.SECRETS_MANAGER, r, none::get, Map.of("AWS_USE_FIPS_ENDPOINT", "true")::get));
    assertEquals(URI.create("https://lambda.cn-north-1.amazonaws.com.cn"),
        LeanAwsClient.endpoint(LeanAwsClient.LAMBDA, Region.CN_NORTH_1, none::get, none::get));
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:1");
    assertEquals(URI.create("http://127.0.0.1:1"), LeanAwsClient.endpoint(LeanAwsClient.SSM, r, none::get, env::get));
    assertEquals(URI.create("http://127.0.0.1:9"),
        LeanAwsClient.endpoint(LeanAwsClient.SECRETS_MANAGER, r, none::get, env::get));
    Map<String, String> properties = Map.of("aws.endpointUrlLambda", "http://127.0.0.1:7");
    assertEquals(URI.create("http://127.0.0.1:7"),
        LeanAwsClient.endpoint(LeanAwsClient.LAMBDA, r, properties::get, env::get));
    assertEquals(URI.create("http://127.0.0.1:1"),
        LeanAwsClient.endpoint(LeanAwsClient.SSM, r, properties::get, env::get));
  }
}
