package dev.baton.teams.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.Target;
import dev.baton.core.alerts.Trigger;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Alerts to a WireMock playing a Teams Workflows webhook ("When a Teams webhook request is received"), with the URL
 * read from a WireMock Secrets Manager: the exact request, Retry-After honoured, refusals not retried.
 */
class TeamsAlertSenderTest {
  private static final String HOOK = "/workflows/6f1c0a9e2b7d4c3f/triggers/manual/paths/invoke";
  private static final String SIG = "sig=SeCrEtSiGnAtUrE42";
  private static final Target TARGET = Target.teams("baton/teams/deployments");
  private static WireMockServer wiremock;
  private static LeanAwsClient secretsManager;

  private final List<Long> waits = new CopyOnWriteArrayList<>();
  private final FailedAction action = new FailedAction("Build", "Build", Optional.of("CodeBuild"),
      Optional.of("Build"), Optional.of("Build terminated with state: FAILED"), Optional.of("JobFailed"),
      Optional.of("https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/b:1/view/new"),
      Optional.empty());
  private final Alert alert = new Alert(AlertKind.FAILED, "payments-deploy", "8d2e6b41-0c3f-4a57", 1, "123456789012",
      "eu-west-1", Optional.empty(), Optional.empty(), List.of(action), Optional.empty(),
      Optional.of(new Trigger("WebhookV2", Optional.of("arn:aws:codeconnections:eu-west-1:123456789012:connection/c"))), Optional.of(Instant.parse("2026-11-21T11:00:00Z")),
      Instant.parse("2026-11-21T11:07:40Z"), Optional.empty(), Optional.empty());

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
            .withBody("{\"Name\": \"baton/teams/deployments\", \"SecretString\": \""
                + value.replace("\"", "\\\"") + "\"}")));
  }

  private TeamsAlertSender sender() {
    return new TeamsAlertSender(TeamsHttp.builder().maxTotal(Duration.ofSeconds(8)).sleeper(waits::add).build(),
        SecretLoader.builder().secretsManager(secretsManager).ttl(Duration.ofMinutes(5)).build(), true);
  }

  private static int hookCalls() {
    return wiremock.findAll(postRequestedFor(urlPathEqualTo(HOOK))).size();
  }

  private static int secretReads() {
    return wiremock.findAll(postRequestedFor(urlEqualTo("/"))).size();
  }

  @Test
  void givenAFailedAction_thenTheWorkflowGetsOneAdaptiveCardMessage_exactly() throws Exception {
    secret(url(HOOK + "?api-version=1&" + SIG));
    wiremock.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(202)));

    Receipt r = sender().send(TARGET, new Outbound.Post(alert, Optional.of("<!here>"), Optional.empty()));

    assertEquals(Receipt.of("http_202"), r);
    String console = alert.consoleUrl();
    wiremock.verify(1, postRequestedFor(urlEqualTo(HOOK + "?api-version=1&" + SIG))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(equalToJson("""
            {"type": "message",
             "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
               "content": {
                 "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                 "type": "AdaptiveCard", "version": "1.4", "msteams": {"width": "Full"},
                 "body": [
                   {"type": "TextBlock", "text": "\\uD83D\\uDD34 payments-deploy failed: action Build in stage Build (CodeBuild)",
                    "wrap": true, "weight": "Bolder", "size": "Medium", "color": "Attention"},
                   {"type": "FactSet", "facts": [
                     {"title": "Execution", "value": "8d2e6b41 · attempt 1"},
                     {"title": "State", "value": "still running"},
                     {"title": "Trigger", "value": "WebhookV2 (arn:aws:codeconnections:eu-west-1:123456789012:connection/c)"},
                     {"title": "Duration", "value": "7m 40s"}]},
                   {"type": "TextBlock", "text": "JobFailed: Build terminated with state: FAILED", "wrap": true,
                    "fontType": "Monospace"},
                   {"type": "TextBlock", "text": "Baton · severity critical · account 123456789012 · eu-west-1",
                    "wrap": true, "isSubtle": true, "size": "Small"}],
                 "actions": [
                   {"type": "Action.OpenUrl", "title": "Open execution", "url": "%s"},
                   {"type": "Action.OpenUrl", "title": "CodeBuild logs",
                    "url": "https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/b:1/view/new"}]}}]}"""
            .formatted(console))));
    assertFalse(wiremock.findAll(postRequestedFor(urlPathEqualTo(HOOK))).get(0).getBodyAsString()
        .contains("<!here>"), "Slack mentions stay in Slack");
  }

  @Test
  void givenA429WithRetryAfterThenAccepted_thenItWaitsWhatTeamsSaidAndDeliversOnce() throws Exception {
    secret("{\"webhookUrl\": \"" + url(HOOK + "?" + SIG) + "\"}");
    wiremock.stubFor(post(urlPathEqualTo(HOOK)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
            .withBody("{\"error\":{\"code\":\"WorkflowTriggerIsThrottled\",\"message\":\"Too many requests\"}}"))
        .willSetStateTo("ok"));
    wiremock.stubFor(post(urlPathEqualTo(HOOK)).inScenario("throttled").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(202)));

    Receipt r = sender().send(TARGET, new Outbound.Post(alert, Optional.empty(), Optional.empty()));

    assertEquals(Receipt.of("http_202"), r);
    assertEquals(2, hookCalls());
    assertEquals(List.of(2000L), waits, "Retry-After: 2 is two seconds");
    List<String> bodies = wiremock.findAll(postRequestedFor(urlPathEqualTo(HOOK))).stream()
        .map(l -> l.getBodyAsString()).toList();
    assertEquals(bodies.get(0), bodies.get(1), "the retry is the same request");
  }

  @Test
  void givenServerErrorsThatOutlastTheRetries_thenATransientFailure_withoutTheUrl() {
    secret(url(HOOK + "?" + SIG));
    wiremock.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(502)));

    TeamsApiException e = assertThrows(TeamsApiException.class,
        () -> sender().send(TARGET, new Outbound.Post(alert, Optional.empty(), Optional.empty())));

    assertTrue(e.retryable());
    assertEquals(4, hookCalls(), "four attempts");
    assertEquals(3, waits.size());
    assertEquals("Teams webhook baton/teams/deployments failed: http_502 (HTTP 502)", e.getMessage());
  }

  @Test
  void givenRefusals_thenEachIsRejectedOnceNotRetried_andAnInvalidUrlIsReadAgainNextTime() throws Exception {
    secret(url(HOOK + "?" + SIG));
    wiremock.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' "
            + "of type 'Request' did not match its schema definition.\"}}")));
    TeamsAlertSender sender = sender();
    Outbound.Post post = new Outbound.Post(alert, Optional.empty(), Optional.empty());

    DeliveryRejectedException bad = assertThrows(DeliveryRejectedException.class, () -> sender.send(TARGET, post));
    assertEquals("InvalidRequestContent", bad.code());
    assertTrue(bad.getMessage().endsWith("(Teams refused the card Baton built: please report it)"), bad.getMessage());
    assertEquals(1, hookCalls());

    wiremock.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(404)
        .withBody("{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow could not be found.\"}}")));
    DeliveryRejectedException gone = assertThrows(DeliveryRejectedException.class, () -> sender.send(TARGET, post));
    assertEquals("WorkflowNotFound", gone.code());
    assertEquals("Teams webhook baton/teams/deployments failed: WorkflowNotFound (HTTP 404): The workflow could not "
        + "be found. (the webhook URL in secret baton/teams/deployments is not valid any more: the workflow was "
        + "deleted, turned off or its owner left; put the current URL in the secret)", gone.getMessage());
    assertEquals(2, hookCalls());
    assertEquals(1, secretReads(), "cached until now");
    assertTrue(waits.isEmpty());

    assertThrows(DeliveryRejectedException.class, () -> sender.send(TARGET, post));
    assertEquals(2, secretReads(), "a URL Teams refused is read again (it may have been replaced)");
    for (Exception e : List.of(bad, gone)) {
      assertFalse(e.getMessage().contains("SeCrEt") || e.getMessage().contains(HOOK), e.getMessage());
    }
  }

  @Test
  void givenASecretWithoutAWebhookUrl_thenRejectedSayingWhatToPutThere_withoutItsValue() {
    secret("hunter2-not-a-url");

    DeliveryRejectedException e = assertThrows(DeliveryRejectedException.class,
        () -> sender().send(TARGET, new Outbound.Post(alert, Optional.empty(), Optional.empty())));

    assertEquals("teams_not_configured", e.code());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().startsWith("secret baton/teams/deployments holds no Teams Workflows webhook URL"));
    assertEquals(0, hookCalls());
  }

  @Test
  void givenTheStackDoesNotEnableTeams_thenRejectedSayingWhichParameter_andNoSecretIsRead() {
    TeamsAlertSender disabled = new TeamsAlertSender(TeamsHttp.builder().build(), SecretLoader.builder()
        .secretsManager(secretsManager).build(), false);

    DeliveryRejectedException e = assertThrows(DeliveryRejectedException.class,
        () -> disabled.send(TARGET, new Outbound.Post(alert, Optional.empty(), Optional.empty())));

    assertEquals("teams_not_enabled", e.code());
    assertTrue(e.getMessage().contains("AlertTeamsWebhooks=Enabled"), e.getMessage());
    assertEquals(0, secretReads());
    assertEquals(0, hookCalls());
  }

  @Test
  void givenAReplyOrAnUpdate_thenRefused_aWebhookTakesMainAlertsOnly() {
    assertThrows(IllegalArgumentException.class, () -> sender().send(TARGET,
        new Outbound.Reply(alert, action, Receipt.of("x"))));
    assertThrows(IllegalArgumentException.class, () -> sender().send(Target.slack("#x"),
        new Outbound.Post(alert, Optional.empty(), Optional.empty())));
  }
}
