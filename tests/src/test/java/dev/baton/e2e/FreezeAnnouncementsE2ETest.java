package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.baton.e2e.AlertStubs.publishes;
import static dev.baton.e2e.AlertStubs.slackCalls;
import static dev.baton.e2e.AlertStubs.snsError;
import static dev.baton.e2e.AlertStubs.snsOk;
import static dev.baton.e2e.AlertStubs.snsPublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freeze announcements through the packaged alerts function, invoked by the stack's one-minute schedule
 * (events/scheduled-freeze-announcements.json), with config/alert-routing.json as shipped: a configured freeze on
 * payments-* and ledger-* (both under the payments route) is announced once when it starts and once when it ends, to
 * the stack's SNS topic and #payments-releases, one message each however many pipelines it covers; more sweeps add
 * nothing; a transient SNS failure is retried by the next sweep and Slack is not sent twice.
 */
class FreezeAnnouncementsE2ETest extends StackTest {
  private static final String FUNCTION = "AlertsFunction";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:baton-local-AlertTopic";

  @TempDir
  Path dir;
  private String table;
  private Instant since;
  private Instant until;

  @BeforeEach
  void freshTable() {
    table = freshTable("announce");
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
  }

  /** The function with one dated freeze, in UTC, from 100 s ago until {@code seconds} from now. */
  private LocalLambda frozenFor(long seconds) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    since = now.minusSeconds(100);
    until = now.plusSeconds(seconds);
    Path file = dir.resolve("freezes.json");
    Files.writeString(file, """
        {"freezes": [{"name": "release-night", "description": "Database migration",
                      "pipelines": ["payments-*", "ledger-*"], "zone": "UTC",
                      "dates": {"from": "%s", "to": "%s"}}]}"""
        .formatted(LocalDateTime.ofInstant(since, ZoneOffset.UTC), LocalDateTime.ofInstant(until, ZoneOffset.UTC)));
    return stack.function(FUNCTION, Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET", AlertStubs.SECRET_NAME,
        "BATON_FREEZES", file.toString()));
  }

  private static String utc(Instant t) {
    return t.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }

  private Map<String, String> sns(String subject, String message, String kind) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Action", "Publish");
    m.put("Version", "2010-03-31");
    m.put("TopicArn", TOPIC);
    m.put("Message", message);
    m.put("Subject", subject);
    String[][] attributes = {{"state", "FREEZE"}, {"severity", "info"}, {"kind", kind},
        {"pipelines", "payments-*,ledger-*"}};
    for (int i = 0; i < attributes.length; i++) {
      m.put("MessageAttributes.entry." + (i + 1) + ".Name", attributes[i][0]);
      m.put("MessageAttributes.entry." + (i + 1) + ".Value.DataType", "String");
      m.put("MessageAttributes.entry." + (i + 1) + ".Value.StringValue", attributes[i][1]);
    }
    return m;
  }

  @Test
  void givenAFreezeStartingAndEnding_thenEachIsAnnouncedOnceOnTheRoutedChannels_andMoreSweepsAddNothing()
      throws Exception {
    LocalLambda fn = frozenFor(8);
    String sweep = Events.load("scheduled-freeze-announcements.json");
    String started = "release-night (Database migration) freezes payments-*, ledger-* until " + utc(until)
        + ". Releases wait until it ends (or are dropped where the freeze says so), and approvals need a "
        + "break-glass approver.";

    Invocation first = fn.invoke(sweep);
    Invocation second = fn.invoke(sweep);

    assertFalse(first.failed(), first::toString);
    assertEquals("{\"announcements\":[{\"freeze\":\"release-night\",\"edge\":\"STARTED\",\"target\":\"sns:" + TOPIC
        + "\",\"outcome\":\"SENT\"},{\"freeze\":\"release-night\",\"edge\":\"STARTED\",\"target\":"
        + "\"slack:#payments-releases\",\"outcome\":\"SENT\"}]}", first.bodyText());
    assertTrue(second.bodyText().contains("\"outcome\":\"DONE\"") && !second.bodyText().contains("SENT"),
        second::bodyText);
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(sns("[FREEZE] Freeze started: release-night", started, "FREEZE_STARTED"),
        AlertStubs.form(publishes(stack.wiremock()).getFirst()));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + AlertStubs.SLACK_TOKEN))
        .withRequestBody(equalToJson("""
            {"text": "Freeze started: release-night",
             "blocks": [{"type": "section", "text": {"type": "mrkdwn",
                         "text": ":snowflake: *Freeze started: release-night*\\n%s"}}],
             "unfurl_links": false, "channel": "#payments-releases"}""".formatted(started))));

    Thread.sleep(Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) + 300);
    stack.wiremock().resetRequests();
    Invocation ended = fn.invoke(sweep);
    Invocation again = fn.invoke(sweep);

    assertTrue(ended.bodyText().contains("{\"freeze\":\"release-night\",\"edge\":\"ENDED\",\"target\":"
        + "\"slack:#payments-releases\",\"outcome\":\"SENT\"}"), ended::bodyText);
    assertFalse(again.bodyText().contains("SENT"), again::bodyText);
    String endedText = "release-night (Database migration) no longer freezes payments-*, ledger-* (since "
        + utc(until) + "). Releases held by it start within a minute.";
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(sns("[FREEZE] Freeze ended: release-night", endedText, "FREEZE_ENDED"),
        AlertStubs.form(publishes(stack.wiremock()).getFirst()));
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(equalToJson("""
            {"text": "Freeze ended: release-night",
             "blocks": [{"type": "section", "text": {"type": "mrkdwn",
                         "text": ":snowflake: *Freeze ended: release-night*\\n%s"}}],
             "unfurl_links": false, "channel": "#payments-releases"}""".formatted(endedText))));
  }

  @Test
  void givenSnsFailingForNow_thenTheNextSweepSendsIt_andSlackIsNotSentTwice() throws Exception {
    LocalLambda fn = frozenFor(3600);
    String sweep = Events.load("scheduled-freeze-announcements.json");
    stack.wiremock().stubFor(snsPublish().willReturn(snsError(500, "Receiver", "InternalError",
        "Request could not be completed")));

    Invocation failing = fn.invoke(sweep);

    assertFalse(failing.failed(), failing::toString);
    assertTrue(failing.bodyText().contains("\"target\":\"sns:" + TOPIC + "\",\"outcome\":\"FAILED\""),
        failing::bodyText);
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size());
    stack.wiremock().stubFor(snsPublish().willReturn(snsOk("0f1e2d3c-4b5a-5968-8776-a5b4c3d2e1f0")));
    stack.wiremock().resetRequests();

    Invocation retried = fn.invoke(sweep);

    assertTrue(retried.bodyText().contains("\"target\":\"sns:" + TOPIC + "\",\"outcome\":\"SENT\""),
        retried::bodyText);
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(0, slackCalls(stack.wiremock(), "chat.postMessage").size());
  }
}
