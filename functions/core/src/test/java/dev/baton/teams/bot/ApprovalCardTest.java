package dev.baton.teams.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.Decision;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.json.Json;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The approval card (exactly, pending and decided) and the clicks on it, read from the samples in events/. */
class ApprovalCardTest {
  private static final String TOKEN = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  private final ApprovalRequest request = new ApprovalRequest("eu-west-1", "payments-deploy", "Approve",
      "ProductionGate", TOKEN, Optional.of(Instant.parse("2026-11-28T10:15:00Z")),
      Optional.of("Canary at 5% for 30 minutes, error rate 0.2%"), Optional.empty(),
      Optional.of("https://console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/view?region=eu-west-1"
          + "#/Approve/ProductionGate/approve/" + TOKEN),
      Optional.of("https://console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/view?region=eu-west-1"));
  private final Approval pending = Approval.pending(request, Instant.parse("2026-11-21T10:15:02Z"),
      Optional.of("8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806"), Optional.empty());

  private static String event(String name) throws IOException {
    return Files.readString(Repo.root().resolve("events").resolve(name));
  }

  @Test
  void givenAPendingApproval_thenTheCardHasApproveAndRejectAsUniversalActions_andNoToken() {
    String json = Json.write(ApprovalCard.activity(pending));

    assertEquals(Json.parseObject("""
        {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
          "body": [
            {"type": "TextBlock", "text": "Approval needed: payments-deploy", "wrap": true, "weight": "Bolder",
             "size": "Medium"},
            {"type": "FactSet", "facts": [{"title": "Stage", "value": "Approve"},
              {"title": "Action", "value": "ProductionGate"},
              {"title": "Execution", "value": "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806"},
              {"title": "Expires", "value": "2026-11-28 10:15 UTC"}]},
            {"type": "TextBlock", "text": "Canary at 5% for 30 minutes, error rate 0.2%", "wrap": true},
            {"type": "Input.Text", "id": "reason", "label": "Reason (sent to CodePipeline when you reject)",
             "isMultiline": true, "maxLength": 500}],
          "actions": [
            {"type": "Action.Execute", "title": "Approve", "verb": "baton.approve", "style": "positive",
             "data": {"approvalId": "APPROVAL_ID"}},
            {"type": "Action.Execute", "title": "Reject", "verb": "baton.reject", "style": "destructive",
             "data": {"approvalId": "APPROVAL_ID"}},
            {"type": "Action.OpenUrl", "title": "Review in CodePipeline",
             "url": "https://console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/view?region=eu-west-1"}]}}]}"""
        .replace("APPROVAL_ID", pending.id())).asMap(), Json.parseObject(json).asMap());
    assertFalse(json.contains(TOKEN), "the approval token never goes to Teams");
  }

  @Test
  void givenARejection_thenTheInvokeAnswerReplacesTheCardWithWhoWhenAndWhy_withoutButtons() {
    Approval rejected = pending.withDecision(new Decision(false, new SlackUser("3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51",
        "Jane Doe"), "Teams", Instant.parse("2026-11-21T11:04:40Z"), Optional.of("canary error rate is 4%")))
        .withStatus(dev.baton.core.approval.ApprovalStatus.REJECTED, Optional.empty(),
            Optional.of(Instant.parse("2026-11-21T11:04:41Z")));

    var answer = Json.parseObject(Json.write(ApprovalCard.invokeResponse(rejected)));

    assertEquals(200L, answer.optLong("statusCode").orElseThrow());
    assertEquals("application/vnd.microsoft.card.adaptive", answer.string("type"));
    String card = Json.write(answer.object("value").asMap());
    assertTrue(card.contains("\"Rejected: payments-deploy\""), card);
    assertTrue(card.contains("\"Rejected by Jane Doe on 2026-11-21 11:04 UTC. Reason: canary error rate is 4%\""), card);
    assertFalse(card.contains("Action.Execute") || card.contains("Input.Text"), card);
  }

  @Test
  void givenTheSampleClicks_thenVerbApprovalReasonAndTheEntraUserAreRead() throws IOException {
    CardAction approve = CardAction.parse(Json.parseObject(event("teams-invoke-approve.json")));
    CardAction reject = CardAction.parse(Json.parseObject(event("teams-invoke-reject.json")));

    assertTrue(approve.approve());
    assertEquals(new CardAction("baton.approve", "apv-6b0f2d1c9e8a7b6c5d4e3f2a1b0c9d8e", Optional.empty(),
        "3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51", "Jane Doe", "72c1f3a8-5b4e-4d2f-9a6c-8e1b0d7f3c29",
        "19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2;messageid=1763722992345", Optional.of("1763722992345"),
        "https://smba.trafficmanager.net/emea/"), approve);
    assertFalse(reject.approve());
    assertEquals(Optional.of("canary error rate is 4%, rolling back first"), reject.reason());
  }

  @Test
  void givenClicksOfTheWrongShape_thenRefusedNamingWhat() throws IOException {
    String sample = event("teams-invoke-approve.json");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CardAction.parse(Json.parseObject(
        sample.replace("\"baton.approve\"", "\"deleteEverything\"")))).getMessage().contains("$.value.action.verb"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CardAction.parse(Json.parseObject(
        sample.replace("\"aadObjectId\"", "\"objectId\"")))).getMessage().contains("$.from.aadObjectId: missing"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CardAction.parse(Json.parseObject(
        sample.replace("\"adaptiveCard/action\"", "\"composeExtension/query\"")))).getMessage()
        .contains("not an adaptiveCard/action invoke"));
  }
}
