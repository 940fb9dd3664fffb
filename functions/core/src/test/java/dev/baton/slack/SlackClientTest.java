package dev.baton.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack client against a WireMock Slack: the exact requests it sends and how it reads every kind of answer. */
class SlackClientTest {
  private static final String TOKEN = "xoxb-0000-secret-bot-token";
  private static final String RESPONSE_PATH = "/actions/T0001/5550001/SeCrEtHoOkPaTh";
  private static WireMockServer slack;

  private final List<Long> waits = new ArrayList<>();
  private final AtomicLong fakeNanos = new AtomicLong();
  private SlackClient client;

  @BeforeAll
  static void start() {
    slack = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
  }

  @AfterAll
  static void stop() {
    slack.stop();
  }

  @BeforeEach
  void reset() {
    slack.resetAll();
    client = clientWith(SlackClient.builder(() -> TOKEN));
  }

  private SlackClient clientWith(SlackClient.Builder b) {
    return b.baseUrl("http://127.0.0.1:" + slack.port() + "/api")
        .sleeper(ms -> {
          waits.add(ms);
          fakeNanos.addAndGet(ms * 1_000_000);
        })
        .nanoClock(() -> System.nanoTime() + fakeNanos.get())
        .build();
  }

  @Test
  void givenAMessage_whenPosted_thenTheExactRequestGoesOutAndChannelAndTsComeBack() {
    slack.stubFor(method("chat.postMessage").willReturn(json(
        "{\"ok\":true,\"channel\":\"C0APPROVALS\",\"ts\":\"1763629200.000100\",\"message\":{\"text\":\"x\"}}")));

    PostedMessage posted = client.postMessage("#releases", "Approval needed: payments-deploy",
        List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*payments-deploy*"))));

    assertEquals(new PostedMessage("C0APPROVALS", "1763629200.000100"), posted);
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(equalToJson("""
            {"channel": "#releases", "text": "Approval needed: payments-deploy",
             "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*payments-deploy*"}}]}""")));
  }

  @Test
  void givenUpdateEphemeralAndModal_thenEachSendsItsDocumentedBody() {
    slack.stubFor(method("chat.update").willReturn(json("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
    slack.stubFor(method("chat.postEphemeral").willReturn(json("{\"ok\":true,\"message_ts\":\"1.3\"}")));
    slack.stubFor(method("views.open").willReturn(json("{\"ok\":true,\"view\":{\"id\":\"V0REASON\"}}")));

    assertEquals(new PostedMessage("C1", "1.2"), client.update("C1", "1.2", "Approved", List.of()));
    assertEquals("1.3", client.postEphemeral("C1", "U0ALICE", "You may not approve this.", List.of()));
    assertEquals("V0REASON", client.openView("13345224609.738474920.8088930838d88f008e0",
        Map.of("type", "modal", "callback_id", "reject")));

    slack.verify(postRequestedFor(urlEqualTo("/api/chat.update")).withRequestBody(equalToJson(
        "{\"channel\":\"C1\",\"ts\":\"1.2\",\"text\":\"Approved\",\"blocks\":[]}")));
    slack.verify(postRequestedFor(urlEqualTo("/api/chat.postEphemeral")).withRequestBody(equalToJson(
        "{\"channel\":\"C1\",\"user\":\"U0ALICE\",\"text\":\"You may not approve this.\"}")));
    slack.verify(postRequestedFor(urlEqualTo("/api/views.open")).withRequestBody(equalToJson(
        "{\"trigger_id\":\"13345224609.738474920.8088930838d88f008e0\","
            + "\"view\":{\"type\":\"modal\",\"callback_id\":\"reject\"}}")));
  }

  @Test
  void given429WithRetryAfter_thenItWaitsThatLongAndTheSecondAttemptSucceeds() {
    slack.stubFor(method("chat.postMessage").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("ok").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    slack.stubFor(method("chat.postMessage").inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(json("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"9.9\"}")));

    PostedMessage posted = client.postMessage("C1", "hi", List.of());

    assertEquals("9.9", posted.ts());
    assertEquals(List.of(2000L), waits);
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void givenARetryAfterLongerThanTheBudget_thenItGivesUpAtOnceAsRetryable() {
    slack.stubFor(method("chat.postMessage").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

    SlackApiException e = assertThrows(SlackApiException.class, () -> client.postMessage("C1", "hi", List.of()));

    assertEquals("ratelimited", e.error());
    assertTrue(e.retryable());
    assertEquals(429, e.httpStatus());
    assertEquals(Optional.of(30L), e.retryAfterSeconds());
    assertEquals(List.of(), waits);
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void givenSlack5xxTwice_thenBackoffAndTheThirdAttemptSucceeds() {
    slack.stubFor(method("chat.update").inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("again").willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
    slack.stubFor(method("chat.update").inScenario("5xx").whenScenarioStateIs("again")
        .willSetStateTo("ok").willReturn(aResponse().withStatus(500)));
    slack.stubFor(method("chat.update").inScenario("5xx").whenScenarioStateIs("ok")
        .willReturn(json("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.0\"}")));

    client.update("C1", "1.0", "done", List.of());

    slack.verify(3, postRequestedFor(urlEqualTo("/api/chat.update")));
    assertEquals(2, waits.size());
    assertTrue(waits.get(0) >= 100 && waits.get(0) <= 200, waits::toString);
    assertTrue(waits.get(1) >= 200 && waits.get(1) <= 400, waits::toString);
  }

  @Test
  void givenSlackDownThroughEveryAttempt_thenTheAttemptsAreBoundedAndTheErrorIsRetryable() {
    slack.stubFor(method("chat.postMessage").willReturn(aResponse().withStatus(502)));

    SlackApiException e = assertThrows(SlackApiException.class, () -> client.postMessage("C1", "hi", List.of()));

    assertEquals("http_502", e.error());
    assertTrue(e.retryable());
    slack.verify(4, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void givenOkFalse_thenSlacksErrorCodeSurfacesAndPermanentOnesAreNotRetried() {
    for (String code : List.of("channel_not_found", "not_in_channel", "invalid_auth", "missing_scope")) {
      slack.resetAll();
      slack.stubFor(method("chat.postMessage").willReturn(json("{\"ok\":false,\"error\":\"" + code + "\""
          + (code.equals("missing_scope") ? ",\"needed\":\"chat:write\",\"provided\":\"commands\"" : "") + "}")));

      SlackApiException e = assertThrows(SlackApiException.class, () -> client.postMessage("C1", "hi", List.of()));

      assertEquals(code, e.error());
      assertEquals("chat.postMessage", e.method());
      assertFalse(e.retryable(), code);
      assertTrue(e.getMessage().startsWith("Slack chat.postMessage failed: " + code), e.getMessage());
      slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }
    assertEquals(List.of(), waits);
  }

  @Test
  void givenMissingScope_thenTheMessageNamesTheScopeToAdd() {
    slack.stubFor(method("views.open").willReturn(json(
        "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"provided\":\"commands\"}")));

    SlackApiException e = assertThrows(SlackApiException.class, () -> client.openView("t", Map.of()));

    assertTrue(e.getMessage().contains("needed scope chat:write"), e.getMessage());
  }

  @Test
  void givenOkFalseRatelimited_thenItIsRetried() {
    slack.stubFor(method("chat.postEphemeral").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("ok").willReturn(json("{\"ok\":false,\"error\":\"ratelimited\"}")));
    slack.stubFor(method("chat.postEphemeral").inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(json("{\"ok\":true,\"message_ts\":\"2.0\"}")));

    assertEquals("2.0", client.postEphemeral("C1", "U1", "x", List.of()));
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postEphemeral")));
  }

  @Test
  void givenNoAnswerInTime_thenTheAttemptTimesOutAndIsRetriedWithinTheBound() {
    slack.stubFor(method("chat.postMessage").willReturn(json("{\"ok\":true,\"channel\":\"C\",\"ts\":\"1\"}")
        .withFixedDelay(1500)));
    SlackClient impatient = clientWith(SlackClient.builder(() -> TOKEN).readTimeout(Duration.ofMillis(200))
        .maxAttempts(2));

    SlackApiException e = assertThrows(SlackApiException.class, () -> impatient.postMessage("C1", "hi", List.of()));

    assertEquals("timeout", e.error());
    assertTrue(e.retryable());
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void givenAResponseUrl_thenTheBodyIsPostedWithoutTheBotToken() {
    slack.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(json("{\"ok\":true}")));

    client.respond(responseUrl(), Map.of("replace_original", true, "text", "Approved by <@U0ALICE>"));

    slack.verify(1, postRequestedFor(urlEqualTo(RESPONSE_PATH))
        .withHeader("Authorization", absent())
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(equalToJson("{\"replace_original\":true,\"text\":\"Approved by <@U0ALICE>\"}")));
  }

  @Test
  void givenAnIncomingWebhookAnsweringPlainOk_thenItSucceeds() {
    slack.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

    client.respond(responseUrl(), Map.of("text", "hello"));

    slack.verify(1, postRequestedFor(urlEqualTo(RESPONSE_PATH)));
  }

  @Test
  void givenTokenAndUrls_thenNoFailureEverLogsOrReportsThem() {
    slack.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(aResponse().withStatus(404).withBody("expired_url")));
    slack.stubFor(method("chat.postMessage").willReturn(aResponse().withStatus(503)));
    List<Throwable> failures = new ArrayList<>();
    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      failures.add(assertThrows(SlackApiException.class, () -> client.respond(responseUrl(), Map.of("text", "x"))));
      failures.add(assertThrows(SlackApiException.class, () -> client.postMessage("C1", "x", List.of())));
      int closed = closedPort();
      failures.add(assertThrows(SlackApiException.class, () -> client.respond(
          "http://127.0.0.1:" + closed + RESPONSE_PATH, Map.of("text", "x"))));
      SlackClient unreachable = SlackClient.builder(() -> TOKEN).baseUrl("http://127.0.0.1:" + closed + "/api/")
          .sleeper(ms -> { }).build();
      failures.add(assertThrows(SlackApiException.class, () -> unreachable.postMessage("C1", "x", List.of())));
      log = captured.text();
    }

    SlackApiException expired = (SlackApiException) failures.get(0);
    assertEquals("expired_url", expired.error());
    assertFalse(expired.retryable());
    assertEquals("unreachable", ((SlackApiException) failures.get(2)).error());
    assertTrue(log.contains("\"method\":\"chat.postMessage\""), log);
    for (Throwable t : failures) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(TOKEN), trace::toString);
      assertFalse(trace.toString().contains("SeCrEtHoOkPaTh"), trace::toString);
    }
    assertFalse(log.contains(TOKEN), log);
    assertFalse(log.contains("SeCrEtHoOkPaTh"), log);
  }

  @Test
  void givenNoToken_thenNothingIsSentAndTheErrorSaysSo() {
    SlackClient tokenless = clientWith(SlackClient.builder(() -> ""));

    SlackApiException e = assertThrows(SlackApiException.class, () -> tokenless.postMessage("C1", "x", List.of()));

    assertEquals("no_bot_token", e.error());
    assertEquals(0, slack.getAllServeEvents().size());
  }

  @Test
  void retryAfterHeaderIsReadAsSeconds() {
    assertEquals(Optional.of(7L), SlackClient.parseRetryAfter(" 7 "));
    assertEquals(Optional.empty(), SlackClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Optional.empty(), SlackClient.parseRetryAfter(null));
  }

  private static String responseUrl() {
    return "http://127.0.0.1:" + slack.port() + RESPONSE_PATH;
  }

  private static MappingBuilder method(String name) {
    return post(urlEqualTo("/api/" + name));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
