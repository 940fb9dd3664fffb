package dev.baton.slack.alerts;

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
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.secrets.SecretException;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.ExecutionStatus;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.Target;
import dev.baton.slack.SlackClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Alerts to a WireMock Slack, with the credentials read from a WireMock Secrets Manager. */
class SlackAlertSenderTest {
  private static final String TOKEN = "xoxb-1111-2222-SeCrEtToKeN";
  private static final Target CHANNEL = Target.slack("#deployments");
  private static WireMockServer wiremock;
  private static LeanAwsClient secretsManager;

  private final FailedAction action = new FailedAction("Test", "Shard02", Optional.of("CodeBuild"),
      Optional.of("Test"), Optional.of("exit status 2 <&>"), Optional.of("JobFailed"),
      Optional.of("https://console.aws.amazon.com/codebuild/x"), Optional.empty());
  private final Alert alert = new Alert(AlertKind.FAILED, "search-deploy", "e5f6a7b8-c9d0", 2, "123456789012",
      "eu-west-1", Optional.empty(), Optional.empty(), List.of(action), Optional.empty(), Optional.empty(),
      Optional.empty(), Instant.parse("2026-11-21T11:04:27Z"), Optional.empty(), Optional.empty());

  @BeforeAll
  static void start() {
    wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wiremock.start();
    secretsManager = new LeanAwsClient(LeanAwsClient.SECRETS_MANAGER, URI.create(url("")), Region.EU_WEST_1,
        UrlConnectionHttpClient.create(), StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
  }

  @AfterAll
  static void stop() {
    wiremock.stop();
  }

  @BeforeEach
  void reset() {
    wiremock.resetAll();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + wiremock.port() + path;
  }

  private static void secret(String value) {
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Name\": \"s\", \"SecretString\": \"" + value.replace("\"", "\\\"") + "\"}")));
  }

  private static SlackCredentials credentials(Optional<String> reference) {
    return new SlackCredentials(SecretLoader.builder().secretsManager(secretsManager).ttl(Duration.ofMinutes(5))
        .build(), reference);
  }

  private static SlackAlertSender sender(SlackCredentials credentials) {
    return new SlackAlertSender(SlackClient.builder(() -> credentials.botToken().orElse(""))
        .baseUrl(url("/api/")).maxTotal(Duration.ofSeconds(2)).build(), credentials);
  }

  private static void slack(String method, String answer) {
    wiremock.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(answer)));
  }

  @Test
  void givenTheSecretInEachShape_thenTokenAndWebhookAreReadFromIt() {
    secret("{\"botToken\": \"" + TOKEN + "\", \"webhookUrl\": \"https://hooks.slack.com/services/T/B/x\"}");
    SlackCredentials json = credentials(Optional.of("baton/slack"));
    assertEquals(Optional.of(TOKEN), json.botToken());
    assertEquals(Optional.of("https://hooks.slack.com/services/T/B/x"), json.webhookUrl());

    secret(TOKEN);
    SlackCredentials plain = credentials(Optional.of("baton/slack"));
    assertEquals(Optional.of(TOKEN), plain.botToken());
    assertEquals(Optional.empty(), plain.webhookUrl());

    secret("hunter2-not-a-token");
    SecretException e = assertThrows(SecretException.class, () -> credentials(Optional.of("baton/slack")).botToken());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());

    assertEquals(Optional.empty(), credentials(Optional.empty()).botToken());
  }

  @Test
  void givenAReply_thenItGoesInTheThreadOfTheParentsChannel_escaped() throws Exception {
    secret(TOKEN);
    slack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0DEPLOYS1\",\"ts\":\"1763720000.000200\"}");

    Receipt r = sender(credentials(Optional.of("baton/slack"))).send(CHANNEL,
        new Outbound.Reply(alert, action, Receipt.slack("C0DEPLOYS1", "1763720000.000100")));

    assertEquals(Receipt.slack("C0DEPLOYS1", "1763720000.000200"), r);
    wiremock.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("""
            {"channel": "C0DEPLOYS1", "thread_ts": "1763720000.000100",
             "text": ":heavy_exclamation_mark: Also failed: Test/Shard02 (CodeBuild)",
             "blocks": [
               {"type": "section", "text": {"type": "mrkdwn", "text": ":heavy_exclamation_mark: *Also failed:* action *Shard02* in stage *Test* (CodeBuild)\\n```JobFailed: exit status 2 &lt;&amp;&gt;```"}},
               {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "CodeBuild logs"}, "url": "https://console.aws.amazon.com/codebuild/x", "action_id": "baton_external_0"}]}],
             "unfurl_links": false}""")));
  }

  @Test
  void givenALaterAttemptsAlertWithAThread_thenItIsBroadcast_andAParentUpdateEditsByTs() throws Exception {
    secret(TOKEN);
    slack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0DEPLOYS1\",\"ts\":\"1763720000.000300\"}");
    slack("chat.update", "{\"ok\":true,\"channel\":\"C0DEPLOYS1\",\"ts\":\"1763720000.000100\"}");
    SlackAlertSender sender = sender(credentials(Optional.of("baton/slack")));

    sender.send(CHANNEL, new Outbound.Post(alert, Optional.of("<!here>"), Optional.of(Receipt.slack("C0DEPLOYS1",
        "1763720000.000100"))));
    sender.send(CHANNEL, new Outbound.Update(alert, new ExecutionStatus(3, Optional.of("SUCCEEDED")),
        Receipt.slack("C0DEPLOYS1", "1763720000.000100")));

    wiremock.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage")).withRequestBody(equalToJson(
        "{\"channel\": \"C0DEPLOYS1\", \"thread_ts\": \"1763720000.000100\", \"reply_broadcast\": true, "
            + "\"text\": \"<!here> :red_circle: search-deploy failed: action Shard02 in stage Test (CodeBuild)\"}",
        true, true)));
    wiremock.verify(postRequestedFor(urlEqualTo("/api/chat.update")).withRequestBody(equalToJson(
        "{\"channel\": \"C0DEPLOYS1\", \"ts\": \"1763720000.000100\", \"text\": \":red_circle: search-deploy failed: "
            + "action Shard02 in stage Test (CodeBuild) (now SUCCEEDED on attempt 3)\"}", true, true)));
  }

  @Test
  void givenSlackErrorAnswers_thenRejectedWithTheFix_andAnAuthErrorRereadsTheSecretNextTime() {
    secret(TOKEN);
    SlackAlertSender sender = sender(credentials(Optional.of("baton/slack")));
    Outbound.Post post = new Outbound.Post(alert, Optional.empty(), Optional.empty());

    slack("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
    DeliveryRejectedException notFound = assertThrows(DeliveryRejectedException.class, () -> sender.send(CHANNEL, post));
    assertEquals("channel_not_found", notFound.code());
    assertTrue(notFound.getMessage().contains("check slack.channels in config/alert-routing.json"));

    slack("chat.postMessage", "{\"ok\":false,\"error\":\"invalid_auth\"}");
    assertEquals("invalid_auth", assertThrows(DeliveryRejectedException.class, () -> sender.send(CHANNEL, post)).code());
    slack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0DEPLOYS1\",\"ts\":\"1.2\"}");
    try {
      sender.send(CHANNEL, post);
    } catch (DeliveryRejectedException e) {
      throw new AssertionError(e);
    }
    wiremock.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("secretsmanager.GetSecretValue")));
    assertEquals(3, wiremock.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).size(),
        "error answers are not retried");
  }

  @Test
  void givenNoToken_thenRejectedWithoutCallingSlack_andAWebhookTargetUsesTheWebhookUrl() throws Exception {
    secret("{\"webhookUrl\": \"" + url("/services/T1/B1/secretpath") + "\"}");
    wiremock.stubFor(post(urlEqualTo("/services/T1/B1/secretpath")).willReturn(aResponse().withStatus(200)
        .withBody("ok")));
    SlackAlertSender sender = sender(credentials(Optional.of("baton/slack")));
    Outbound.Post post = new Outbound.Post(alert, Optional.empty(), Optional.empty());

    DeliveryRejectedException e = assertThrows(DeliveryRejectedException.class, () -> sender.send(CHANNEL, post));
    Receipt r = sender.send(Target.SLACK_WEBHOOK, post);

    assertEquals("slack_not_configured", e.code());
    assertEquals(Receipt.of("webhook"), r);
    assertEquals(0, wiremock.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).size());
    wiremock.verify(postRequestedFor(urlEqualTo("/services/T1/B1/secretpath")).withRequestBody(equalToJson(
        "{\"text\": \":red_circle: search-deploy failed: action Shard02 in stage Test (CodeBuild)\"}", true, true)));
  }
}
