package dev.baton.aws.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.aws.LeanAwsClient;
import dev.baton.core.json.Json;
import dev.baton.slack.CapturedLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The secret loader against WireMock standing in for Secrets Manager and SSM: real SDK requests, exact bodies. */
class SecretLoaderTest {
  private static final String SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String BOT = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
  private static final String SM_GET = "secretsmanager.GetSecretValue";
  private static final String SSM_GET = "AmazonSSM.GetParameter";
  private static WireMockServer aws;
  private static LeanAwsClient secretsManager;
  private static LeanAwsClient ssm;

  private final AtomicLong nanos = new AtomicLong(1);
  private SecretLoader loader;

  @BeforeAll
  static void start() {
    aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    aws.start();
    URI endpoint = URI.create("http://127.0.0.1:" + aws.port());
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    secretsManager = new LeanAwsClient(LeanAwsClient.SECRETS_MANAGER, endpoint, Region.EU_WEST_1,
        UrlConnectionHttpClient.create(), creds);
    ssm = new LeanAwsClient(LeanAwsClient.SSM, endpoint, Region.EU_WEST_1, UrlConnectionHttpClient.create(), creds);
  }

  @AfterAll
  static void stop() {
    aws.stop();
  }

  @BeforeEach
  void reset() {
    aws.resetAll();
    loader = SecretLoader.builder().secretsManager(secretsManager).ssm(ssm).ttl(Duration.ofMinutes(5))
        .nanoClock(nanos::get).build();
  }

  @Test
  void givenAJsonSecretInSecretsManager_thenFieldsAreReadWithOneExactRequestAndCached() {
    aws.stubFor(target(SM_GET).willReturn(ok(secretValue("baton/slack",
        Json.write(Map.of("signingSecret", SIGNING, "botToken", BOT))))));

    assertEquals(SIGNING, loader.field("baton/slack", "signingSecret"));
    assertEquals(BOT, loader.field("baton/slack", "botToken"));
    assertEquals(BOT, loader.fieldSupplier("baton/slack", "botToken").get());

    aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SM_GET))
        .withRequestBody(equalToJson("{\"SecretId\":\"baton/slack\"}")));
  }

  @Test
  void givenTheTtlHasPassed_thenTheSecretIsReadAgainAndARotatedValueIsUsed() {
    aws.stubFor(target(SM_GET).inScenario("rotation").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rotated")
        .willReturn(ok(secretValue("baton/slack", "{\"botToken\":\"xoxb-old\"}"))));
    aws.stubFor(target(SM_GET).inScenario("rotation").whenScenarioStateIs("rotated")
        .willReturn(ok(secretValue("baton/slack", "{\"botToken\":\"xoxb-new\"}"))));

    assertEquals("xoxb-old", loader.field("baton/slack", "botToken"));
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertEquals("xoxb-old", loader.field("baton/slack", "botToken"));
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertEquals("xoxb-new", loader.field("baton/slack", "botToken"));

    aws.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SM_GET)));
  }

  @Test
  void givenAnArnReference_thenItIsTheSecretId() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/slack-a1B2c3";
    aws.stubFor(target(SM_GET).willReturn(ok(secretValue("baton/slack", "{\"botToken\":\"" + BOT + "\"}"))));

    assertEquals(BOT, loader.field(arn, "botToken"));

    aws.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"SecretId\":\"" + arn + "\"}")));
  }

  @Test
  void givenAnSsmReference_thenTheSecureStringIsReadWithDecryption() {
    aws.stubFor(target(SSM_GET).willReturn(ok(parameter("/baton/slack/signing-secret", "SecureString", SIGNING))));

    assertEquals(SIGNING, loader.value("ssm:/baton/slack/signing-secret"));
    assertEquals(SIGNING, loader.value("ssm:/baton/slack/signing-secret"));

    aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SSM_GET))
        .withRequestBody(equalToJson("{\"Name\":\"/baton/slack/signing-secret\",\"WithDecryption\":true}")));
    assertEquals(0, aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SM_GET))).size());
  }

  @Test
  void givenAnSsmJsonSecureString_thenFieldsWorkTheSameWay() {
    aws.stubFor(target(SSM_GET).willReturn(ok(parameter("/baton/slack", "SecureString",
        "{\"signingSecret\":\"" + SIGNING + "\",\"botToken\":\"" + BOT + "\"}"))));

    assertEquals(BOT, loader.field("ssm:/baton/slack", "botToken"));
  }

  @Test
  void givenAPlainStringParameter_thenItIsRefusedAsNotASecret() {
    aws.stubFor(target(SSM_GET).willReturn(ok(parameter("/baton/slack", "String", SIGNING))));

    SecretException e = assertThrows(SecretException.class, () -> loader.value("ssm:/baton/slack"));

    assertTrue(e.getMessage().contains("must be SecureString"), e.getMessage());
    assertFalse(e.getMessage().contains(SIGNING));
  }

  @Test
  void givenMissingSecrets_thenTheErrorNamesTheReference() {
    aws.stubFor(target(SM_GET).willReturn(aws400("ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.")));
    aws.stubFor(target(SSM_GET).willReturn(aws400("ParameterNotFound", "")));

    assertEquals("Secrets Manager secret baton/missing does not exist (ResourceNotFoundException)",
        assertThrows(SecretException.class, () -> loader.value("baton/missing")).getMessage());
    assertEquals("SSM parameter ssm:/baton/missing does not exist (ParameterNotFound)",
        assertThrows(SecretException.class, () -> loader.value("ssm:/baton/missing")).getMessage());
  }

  @Test
  void givenThrottling_thenTheSdkRetriesAndTheSecretIsRead() {
    aws.stubFor(target(SM_GET).inScenario("t").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aws400("ThrottlingException", "Rate exceeded")));
    aws.stubFor(target(SM_GET).inScenario("t").whenScenarioStateIs("ok")
        .willReturn(ok(secretValue("baton/slack", "{\"botToken\":\"" + BOT + "\"}"))));

    assertEquals(BOT, loader.field("baton/slack", "botToken"));
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenValuesThatAreNotWhatWasAskedFor_thenErrorsNeverQuoteTheValue() {
    aws.stubFor(target(SM_GET).willReturn(ok(secretValue("baton/slack", BOT))));
    aws.stubFor(target(SSM_GET).willReturn(ok(parameter("/baton/slack", "SecureString",
        "{\"signingSecret\":\"" + SIGNING + "\"}"))));

    String log;
    SecretException notJson;
    SecretException noField;
    try (CapturedLog captured = CapturedLog.start()) {
      notJson = assertThrows(SecretException.class, () -> loader.field("baton/slack", "botToken"));
      noField = assertThrows(SecretException.class, () -> loader.field("ssm:/baton/slack", "botToken"));
      log = captured.text();
    }

    assertEquals("secret baton/slack is not a JSON object; expected {\"botToken\": \"...\", ...}", notJson.getMessage());
    assertEquals("secret ssm:/baton/slack has no text field \"botToken\" (fields: [signingSecret])",
        noField.getMessage());
    for (Throwable t : new Throwable[] {notJson, noField}) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(BOT) || trace.toString().contains(SIGNING), trace::toString);
    }
    assertFalse(log.contains(BOT) || log.contains(SIGNING), log);
    assertFalse(loader.toString().contains(BOT) || loader.toString().contains(SIGNING), loader::toString);
  }

  @Test
  void referencesChooseTheStore() {
    assertEquals(new SecretReference(SecretReference.Store.SSM, "/a/b"), SecretReference.parse("ssm:/a/b"));
    assertEquals(SecretReference.Store.SSM,
        SecretReference.parse("arn:aws:ssm:eu-west-1:123456789012:parameter/a/b").store());
    assertEquals(SecretReference.Store.SECRETS_MANAGER, SecretReference.parse("baton/slack").store());
    assertEquals(SecretReference.Store.SECRETS_MANAGER,
        SecretReference.parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf").store());
    assertThrows(IllegalArgumentException.class, () -> SecretReference.parse(" "));
  }

  @Test
  void givenAMalformedReference_thenItIsRefusedSayingWhatAReferenceLooksLike() {
    for (String bad : List.of("ssm:baton/slack", "ssm:/", "ssm:/a//b", "baton slack", "team:slack",
        "arn:aws:secretsmanager:eu-west-1:1234:secret:x", "arn:aws:ssm:eu-west-1:123456789012:secret:x",
        "arn:aws:s3:::bucket")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretReference.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("\"" + bad + "\" is not a secret reference: "), e::getMessage);
    }
    assertEquals("ssm:/aws/reference/secretsmanager/baton/slack",
        SecretReference.parse("ssm:/aws/reference/secretsmanager/baton/slack").toString());
  }

  private static MappingBuilder target(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  private static ResponseDefinitionBuilder aws400(String type, String message) {
    return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  private static String secretValue(String name, String value) {
    return Json.write(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-a1B2c3",
        "Name", name, "SecretString", value, "VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
        "VersionStages", java.util.List.of("AWSCURRENT"), "CreatedDate", 1.523477145713E9));
  }

  private static String parameter(String name, String type, String value) {
    return Json.write(Map.of("Parameter", Map.of("Name", name, "Type", type, "Value", value, "Version", 3,
        "ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name, "DataType", "text")));
  }
}
