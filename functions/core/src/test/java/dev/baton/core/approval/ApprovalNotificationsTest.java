package dev.baton.core.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalNotificationsTest {
  @Test
  void expiresIsReadLeniently() {
    Instant t = Instant.parse("2016-07-07T20:22:00Z");
    assertEquals(Optional.of(t), ApprovalNotifications.expires("2016-07-07T20:22Z"));
    assertEquals(Optional.of(t), ApprovalNotifications.expires("2016-07-07T20:22:00Z"));
    assertEquals(Optional.of(t), ApprovalNotifications.expires("2016-07-07T20:22:00.000+00:00"));
    assertEquals(Optional.of(t), ApprovalNotifications.expires("2016-07-07T22:22+0200"));
    assertEquals(Optional.of(t), ApprovalNotifications.expires("2016-07-07T20:22"));
    assertEquals(Optional.empty(), ApprovalNotifications.expires("next tuesday"));
    assertEquals(Optional.empty(), ApprovalNotifications.expires(""));
  }

  @Test
  void givenAnSnsEnvelope_thenTheMessageInsideIsParsedAndTheIdIsStableAndOpaque() {
    String message = Json.write(Map.of("region", "eu-west-1", "approval", Map.of("pipelineName", "p",
        "stageName", "s", "actionName", "a", "token", "tok-123", "expires", "2026-01-01T10:00Z",
        "customData", "check it")));
    var event = Json.parseObject(Json.write(Map.of("Records", List.of(Map.of("Sns",
        Map.of("MessageId", "m1", "Message", message))))));

    ApprovalNotifications.Notification n = ApprovalNotifications.parse(event).get(0);

    assertEquals("m1", n.messageId());
    assertEquals("p / s / a", n.request().where());
    assertEquals(Optional.of("check it"), n.request().customData());
    assertEquals(n.request().id(), ApprovalNotifications.parse(event).get(0).request().id());
    assertTrue(n.request().id().matches("apv-[0-9a-f]{32}"));
    assertTrue(!n.request().id().contains("tok-123") && !n.request().toString().contains("tok-123"));
  }

  @Test
  void givenAMessageThatIsNotJson_thenTheErrorNamesTheFieldWithoutEchoingIt() {
    var event = Json.parseObject(Json.write(Map.of("Records", List.of(Map.of("Sns",
        Map.of("Message", "token=secret-approval-token"))))));

    MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> ApprovalNotifications.parse(event));

    assertEquals("$.Records[0].Sns.Message: not an approval notification (not a JSON object)", e.getMessage());
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenTheNotificationIsRefusedNamingIt() throws java.io.IOException {
    String sample = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("baton.root", "../.."))
        .resolve("events/sns-approval-wrong-type.json"));
    assertEquals("$.Records[0].Sns.Message $.approval.stageName: expected a string, found a number",
        assertThrows(MalformedJsonException.class, () -> ApprovalNotifications.parse(Json.parseObject(sample)))
            .getMessage());
    assertEquals("$.Records[0].Sns.Message $.approval.token: expected a string, found a number",
        refused(Map.of("pipelineName", "p", "stageName", "s", "actionName", "a", "token", 12345)));
    assertEquals("$.Records[0].Sns.Message $.approval.customData: expected a string, found an object",
        refused(Map.of("pipelineName", "p", "stageName", "s", "actionName", "a", "token", "t",
            "customData", Map.of("note", "check it"))));
    assertEquals("$.Records[0].Sns.Message $.approval.expires: expected a string, found a number",
        refused(Map.of("pipelineName", "p", "stageName", "s", "actionName", "a", "token", "t",
            "expires", 1795785120)));
    assertEquals("$.Records[0].Sns.Message: expected a string, found an object",
        assertThrows(MalformedJsonException.class, () -> ApprovalNotifications.parse(Json.parseObject(Json.write(
            Map.of("Records", List.of(Map.of("Sns", Map.of("Message", Map.of("approval", Map.of())))))))))
            .getMessage());
  }

  private static String refused(Map<String, Object> approval) {
    String message = Json.write(Map.of("region", "eu-west-1", "approval", approval));
    var event = Json.parseObject(Json.write(Map.of("Records", List.of(Map.of("Sns", Map.of("Message", message))))));
    return assertThrows(MalformedJsonException.class, () -> ApprovalNotifications.parse(event)).getMessage();
  }

  @Test
  void theSummaryNamesPersonAndChannelAndFitsIn512Characters() {
    SlackUser alice = new SlackUser("U0ALICE", "alice");
    Instant now = Instant.parse("2026-11-20T13:13:40Z");
    assertEquals("Approved in Slack by alice (U0ALICE) in #releases",
        new Decision(true, alice, "releases", now, Optional.empty()).summary());
    assertEquals("Approved in Slack by alice (U0ALICE) in C0PAYMENTS",
        new Decision(true, alice, "C0PAYMENTS", now, Optional.empty()).summary());
    String summary = new Decision(false, alice, "releases", now, Optional.of("x".repeat(600))).summary();
    assertEquals(512, summary.length());
    assertTrue(summary.startsWith("Rejected in Slack by alice (U0ALICE) in #releases: xxx"));
  }
}
