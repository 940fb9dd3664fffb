package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Approvals during a freeze, through the packaged approval-request and approval-callback zips: the pipeline is
 * frozen by an ad-hoc freeze in the table ({@code /baton freeze}); config/approvals.json as shipped (break-glass:
 * user group S0INCIDENTCMD, whose members the Slack stand-in says are U0CAROL and U0DAVE). The message shows the
 * freeze; Approve by an approver outside the break-glass group is refused with the freeze named and CodePipeline is
 * not called; Reject still opens its form; a break-glass approver gets a form, and the override is recorded with its
 * reason, sent to CodePipeline, shown in the message, announced once in the channel and published.
 */
class FreezeApprovalE2ETest extends ApprovalStackTest {
  private static final String FREEZE = "ad hoc by U0DAVE (incident 4711)";
  private static final String WHY = "Hotfix for incident 4711: payments are failing for card holders in the EU";
  private Instant until;

  /** An ad-hoc freeze of payments-deploy, from a minute ago for an hour. */
  private void frozen() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    until = now.plusSeconds(3600);
    new DynamoFreezeStore(stack.dynamo(), table, Optional.empty()).put(new AdHocFreeze("payments-deploy",
        "incident 4711", "U0DAVE", now.minusSeconds(60), until));
  }

  @Test
  void givenAFreeze_thenTheMessageShowsIt_ApproveIsRefusedWithTheFreezeNamedAndNoPutApprovalResult_RejectStaysOpen() {
    frozen();

    Invocation request = requests().invoke(sample("sns-approval-notification.json"));

    assertTrue(request.bodyText().contains("\"outcome\":\"POSTED\""), request::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", equalTo(":snowflake: *Frozen:* payments-deploy "
            + "is frozen by " + FREEZE + " until <!date^" + until.getEpochSecond() + "^{date_short_pretty} at "
            + "{time}|" + until.toString().substring(0, 16).replace('T', ' ') + " UTC>. Approve is refused until "
            + "then, except for break-glass approvers, who give a reason; Reject works as usual.")))
        .withRequestBody(matchingJsonPath("$.blocks[5].elements[0].action_id", equalTo("baton.approve"))));
    stack.wiremock().resetRequests();

    Invocation approve = callback().invoke(click("slack-block-actions-approve.json", "U0ALICE"));

    assertEquals(200, status(approve), approve::toString);
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(0, slack("chat.update").size() + slack("views.open").size());
    assertEquals("PENDING", approval().get("status").s());
    assertFalse(approval().containsKey("decision"), "nothing recorded");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0ALICE")))
        .withRequestBody(matchingJsonPath("$.text", equalTo("You may not approve payments-deploy / Approve / "
            + "ProductionGate now: payments-deploy is frozen by " + FREEZE + " until "
            + until.toString().substring(0, 16).replace('T', ' ') + " UTC. Rejecting it is still possible. "
            + "A break-glass approver (<!subteam^S0INCIDENTCMD>) may approve it with a reason."))));

    Invocation reject = callback().invoke(click("slack-block-actions-reject.json", "U0ALICE"));

    assertEquals(200, status(reject), reject::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/views.open"))
        .withRequestBody(matchingJsonPath("$.view.callback_id", equalTo("baton.reject.reason"))));
    assertEquals(0, cpCalls("PutApprovalResult"));
  }

  @Test
  void givenAFreeze_thenABreakGlassApprovalIsRecordedWithItsReason_SentShownAnnouncedOnce_AndPublished() {
    frozen();
    posted();
    stack.resetEventBridge();

    Invocation click = callback().invoke(click("slack-block-actions-approve.json", "U0CAROL"));

    assertEquals(200, status(click), click::toString);
    assertEquals(0, cpCalls("PutApprovalResult"), "nothing is approved before the reason");
    assertEquals("PENDING", approval().get("status").s());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/views.open"))
        .withRequestBody(matchingJsonPath("$.view.callback_id", equalTo("baton.breakglass.reason")))
        .withRequestBody(matchingJsonPath("$.view.private_metadata", containing("\"approvalId\":\"" + ID + "\"")))
        .withRequestBody(matchingJsonPath("$.view.blocks[0].text.text", containing("is frozen by " + FREEZE)))
        .withRequestBody(matchingJsonPath("$.view.blocks[1].block_id", equalTo("reason"))));

    String submission = SlackInteractions.signed(SlackInteractions.form(
        Events.load("slack-view-submission-break-glass.json")));
    Invocation submit = callback().invoke(submission);
    Invocation again = callback().invoke(submission);

    assertEquals(200, status(submit), submit::toString);
    assertEquals("", Json.parseObject(submit.bodyText()).optString("body").orElse(""), "the form closes");
    assertTrue(Json.parseObject(again.bodyText()).optString("body").orElse("").contains("Already approved by carol"),
        again::bodyText);
    String summary = "Approved in Slack by carol (U0CAROL) in #payments-releases, overriding the freeze " + FREEZE
        + ": " + WHY;
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "stageName": "Approve", "actionName": "ProductionGate",
             "result": {"summary": "%s", "status": "Approved"}, "token": "%s"}""".formatted(summary, TOKEN))));
    Map<String, AttributeValue> item = approval();
    assertEquals("APPROVED", item.get("status").s());
    assertEquals("U0CAROL", item.get("decidedBy").s());
    assertEquals(WHY, item.get("breakGlassReason").s());
    assertEquals(FREEZE, item.get("breakGlassFreeze").s());
    assertEquals(until.toString(), item.get("frozenUntil").s());
    assertTrue(item.containsKey("breakGlassAnnouncedAt"), item::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":white_check_mark: *Approved* by "
            + "<@U0CAROL>")))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":rotating_light: *Break glass* "
            + "during the freeze " + FREEZE)))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing("*Reason:* " + WHY))));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo("C0PAYMENTS")))
        .withRequestBody(matchingJsonPath("$.text", equalTo("Break glass: carol approved payments-deploy / Approve "
            + "/ ProductionGate during the freeze " + FREEZE + ": " + WHY)))
        .withRequestBody(matchingJsonPath("$.blocks[0].text.text", containing(":rotating_light: *Break glass:* "
            + "<@U0CAROL> approved *payments-deploy / Approve / ProductionGate* during the freeze " + FREEZE))));

    Invocation reported = requests().invoke(sample("codepipeline-action-approval-succeeded.json"));

    assertFalse(reported.failed(), reported::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size());
    PublishedEvents.assertIsSample("baton-approval-decided-break-glass.json", entries.getFirst(),
        Set.of("time", "breakGlass"));
    assertEquals(Map.of("by", "U0CAROL", "reason", WHY, "freeze", FREEZE, "frozenUntil", until.toString()),
        Json.parseObject(entries.getFirst().string("Detail")).object("breakGlass").asMap());
    Map<String, AttributeValue> link = item("PIPELINE#payments-deploy", "EXEC#" + EXECUTION
        + "#APPROVAL#Approve#ProductionGate");
    assertEquals(WHY, link.get("breakGlassReason").s());
    assertEquals(summary, link.get("summary").s());
  }
}
