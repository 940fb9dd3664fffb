package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.time.temporal.ChronoUnit;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Teams approvals end to end: the approval card posted beside the Slack message, decided on the card through the
 * teams-bot zip as packaged (WireMock playing the Bot Framework, Entra ID, Microsoft Graph, CodePipeline and Slack),
 * one decision whichever surface is clicked first, both messages updated.
 */
class TeamsBotE2ETest extends TeamsStackTest {
  private static final Instant EXPIRES = Instant.parse("2026-11-27T13:12:00Z").plus(SHIFT);
  private static final String APPROVE = "teams-invoke-approve.json";
  private static final String REJECT = "teams-invoke-reject.json";

  // ------------------------------------------------------------------ the card

  @Test
  void givenAnApprovalNotification_thenTheSlackMessageAndExactlyThisCardArePostedOnce() {
    Invocation first = requests().invoke(sample("sns-approval-notification.json"));
    Invocation again = requests().invoke(sample("sns-approval-notification.json"));

    assertTrue(first.bodyText().contains("\"outcome\":\"POSTED\""), first::toString);
    assertTrue(again.bodyText().contains("\"outcome\":\"DUPLICATE\""), again::toString);
    assertEquals(1, slack("chat.postMessage").size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo(BotFramework.tokenPath()))
        .withRequestBody(equalTo("grant_type=client_credentials&client_id=" + BotFramework.APP_ID
            + "&client_secret=Qk%7E8Q%7EEXAMPLEclientSecretNeverLogged.abc123"
            + "&scope=https%3A%2F%2Fapi.botframework.com%2F.default")));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo(BotFramework.conversationsPath()))
        .withHeader("Authorization", equalTo("Bearer " + BotFramework.BOT_TOKEN))
        .withRequestBody(equalToJson("{\"isGroup\": true, \"channelData\": {\"channel\": {\"id\": \""
            + BotFramework.CHANNEL + "\"}}, \"activity\": " + pendingCard() + "}", false, false)));
    assertFalse(cardsPosted().get(0).getBodyAsString().contains(TOKEN), "the approval token never goes to Teams");
    Map<String, AttributeValue> item = approval();
    assertEquals(BotFramework.ACTIVITY_ID, item.get("teamsActivityId").s());
    assertEquals(BotFramework.THREAD, item.get("teamsConversation").s(), "the thread the card started");
    assertEquals(teams.serviceUrl(), item.get("teamsServiceUrl").s());
    assertFalse(requests().log().contains(BotFramework.CLIENT_SECRET), "the client secret is never logged");
    assertFalse(requests().log().contains(BotFramework.BOT_TOKEN), "nor the bot's token");
  }

  @Test
  void givenTheConnectorFailsThePost_thenTheRequestFailsForARetryThatPostsOnlyTheCard() {
    stack.wiremock().stubFor(post(urlEqualTo(BotFramework.conversationsPath())).atPriority(1)
        .willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"code\":\"BotNotInConversationRoster\","
            + "\"message\":\"The bot is not part of the conversation roster.\"}}")));

    Invocation failed = requests().invoke(sample("sns-approval-notification.json"));

    assertTrue(failed.failed(), failed::toString);
    assertTrue(failed.bodyText().contains("BotNotInConversationRoster"), failed::bodyText);
    assertEquals("0", approval().get("teamsLeaseUntil").n(), "the right to post the card is given back");
    assertEquals(TS, approval().get("messageTs").s(), "the Slack message is recorded");
    stack.wiremock().resetAll();
    teams.stubAll();
    stubSecret();
    stubSlack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"" + TS + "\"}");

    Invocation retried = requests().invoke(sample("sns-approval-notification.json"));

    assertFalse(retried.failed(), retried::toString);
    assertEquals(0, slack("chat.postMessage").size(), "no second Slack message");
    assertEquals(1, cardsPosted().size());
    assertEquals(BotFramework.ACTIVITY_ID, approval().get("teamsActivityId").s());
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void givenAnApproveOnTheCard_thenOnePutApprovalResultTheCardRefreshedAndBothMessagesUpdated() {
    posted();

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activity(APPROVE, ID))));

    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "stageName": "Approve", "actionName": "ProductionGate",
             "result": {"summary": "Approved in Microsoft Teams by Jane Doe (%s)", "status": "Approved"},
             "token": "%s"}""".formatted(BotFramework.JANE, TOKEN))));
    assertEquals("application/vnd.microsoft.card.adaptive", answer.get("type"));
    String card = Json.write(answer.get("value"));
    assertTrue(card.contains("Approved: payments-deploy"), card);
    assertTrue(card.contains("Approved by Jane Doe on "), card);
    assertFalse(card.contains("Action.Execute"), "no buttons any more");
    stack.wiremock().verify(1, putRequestedFor(urlEqualTo(BotFramework.cardPath())).withHeader("Authorization", equalTo("Bearer " + BotFramework.BOT_TOKEN)));
    assertTrue(cardUpdates().get(0).getBodyAsString().contains("Approved by Jane Doe on "));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update")));
    assertTrue(slack("chat.update").get(0).getBodyAsString().contains("Approved"));
    Map<String, AttributeValue> item = approval();
    assertEquals("APPROVED", item.get("status").s());
    assertEquals(BotFramework.JANE, item.get("decidedBy").s());
    assertEquals("Microsoft Teams", item.get("decidedIn").s());
    assertEquals("APPROVED", item.get("messageShows").s());
  }

  @Test
  void givenARejectWithAReasonOnTheCard_thenTheReasonReachesCodePipelineAndTheCard() {
    posted();

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activity(REJECT, ID))));

    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "stageName": "Approve", "actionName": "ProductionGate",
             "result": {"summary": "Rejected in Microsoft Teams by Jane Doe (%s): canary error rate is 4%%, rolling back first",
                        "status": "Rejected"},
             "token": "%s"}""".formatted(BotFramework.JANE, TOKEN))));
    String card = Json.write(answer.get("value"));
    assertTrue(card.contains("Rejected by Jane Doe on "), card);
    assertTrue(card.contains("Reason: canary error rate is 4%, rolling back first"), card);
    assertEquals("REJECTED", approval().get("status").s());
    assertEquals(1, cardUpdates().size());
  }

  @Test
  void givenAFreeze_whenApprovedOnTheCard_thenRefusedWithTheFreezeNamed_noPutApprovalResult_andSlackNotAsked() {
    posted();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    new DynamoFreezeStore(stack.dynamo(), table, Optional.empty()).put(
        new AdHocFreeze("payments-deploy", "incident 4711", "U0DAVE", now.minusSeconds(60),
            now.plusSeconds(3600)));
    int slackCallsBefore = stack.wiremock().findAll(postRequestedFor(urlPathMatching("/slack/api/.*"))).size();

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activity(APPROVE, ID))));

    String note = String.valueOf(answer.get("value"));
    assertTrue(note.contains("payments-deploy is frozen by") && note.contains("incident 4711"), note);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(slackCallsBefore, stack.wiremock().findAll(postRequestedFor(urlPathMatching("/slack/api/.*")))
        .size(), "no Slack group is asked about an Entra ID user");
  }

  @Test
  void givenARejectWithoutAReason_thenNothingIsDecidedAndTheClickerIsAskedForOne() {
    posted();
    String noReason = teams.activity(REJECT, ID, a -> a.put("value", Map.of("action", Map.of(
        "type", "Action.Execute", "verb", "baton.reject", "data", Map.of("approvalId", ID, "reason", "  ")))));

    Map<String, Object> answer = answer(bot().invoke(teams.signed(noReason)));

    assertEquals("application/vnd.microsoft.activity.message", answer.get("type"));
    assertTrue(String.valueOf(answer.get("value")).contains("Say why you reject it"), answer::toString);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
  }

  @Test
  void givenADoubleClick_thenOnePutApprovalResultAndTheSecondClickSeesTheOutcome() {
    posted();
    String click = teams.signed(teams.activity(APPROVE, ID));

    answer(bot().invoke(click));
    Map<String, Object> second = answer(bot().invoke(click));

    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals("application/vnd.microsoft.card.adaptive", second.get("type"));
    assertTrue(Json.write(second.get("value")).contains("Approved by Jane Doe on "));
    assertEquals(1, cardUpdates().size(), "the card is updated once");
  }

  @Test
  void givenFourBotProcessesRacing_thenExactlyOnePutApprovalResult() throws Exception {
    posted();
    List<LocalLambda> environments = IntStream.range(0, 4).parallel().mapToObj(i -> anotherBot()).toList();
    List<String> clickers = List.of(BotFramework.JANE, BotFramework.CAROL, BotFramework.JANE, BotFramework.CAROL);
    List<CompletableFuture<Invocation>> clicks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String click = teams.signed(teams.activityBy(APPROVE, ID, clickers.get(i), "Approver " + i));
      LocalLambda fn = environments.get(i);
      clicks.add(CompletableFuture.supplyAsync(() -> fn.invoke(click)));
    }
    for (CompletableFuture<Invocation> c : clicks) {
      assertEquals("application/vnd.microsoft.card.adaptive", answer(c.get()).get("type"), c.get()::toString);
    }

    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(1, cardUpdates().size());
    assertEquals(1, slack("chat.update").size());
    assertEquals("APPROVED", approval().get("status").s());
  }

  @Test
  void givenSlackAndTeamsClickedAtOnce_thenOneDecisionAndBothMessagesShowIt() throws Exception {
    posted();
    LocalLambda slackSide = callback();
    LocalLambda teamsSide = bot();
    String slackClick = aliceClicksApprove();
    String teamsClick = teams.signed(teams.activity(APPROVE, ID));

    CompletableFuture<Invocation> fromSlack = CompletableFuture.supplyAsync(() -> slackSide.invoke(slackClick));
    CompletableFuture<Invocation> fromTeams = CompletableFuture.supplyAsync(() -> teamsSide.invoke(teamsClick));

    assertEquals(200, status(fromSlack.get()), fromSlack.get()::toString);
    Map<String, Object> teamsAnswer = answer(fromTeams.get());
    assertEquals(1, cpCalls("PutApprovalResult"));
    String winner = approval().get("decidedBy").s();
    assertTrue(winner.equals("U0ALICE") || winner.equals(BotFramework.JANE), winner);
    assertEquals(1, slack("chat.update").size(), "the Slack message shows the decision");
    assertEquals(1, cardUpdates().size(), "and so does the Teams card");
    String shown = winner.equals("U0ALICE") ? "Approved by alice on " : "Approved by Jane Doe on ";
    assertTrue(cardUpdates().get(0).getBodyAsString().contains(shown), cardUpdates().get(0)::getBodyAsString);
    assertTrue(Json.write(teamsAnswer.get("value")).contains(shown), teamsAnswer::toString);
    if (winner.equals(BotFramework.JANE)) {
      assertEquals(1, slack("chat.postEphemeral").size(), "the Slack clicker is told who won");
    }
  }

  @Test
  void givenTheSlackDecisionFirst_thenTheTeamsCardIsUpdatedByTheCallback() {
    posted();

    assertEquals(200, status(callback().invoke(aliceClicksApprove())));

    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(1, cardUpdates().size());
    assertTrue(cardUpdates().get(0).getBodyAsString().contains("Approved by alice on "));
  }

  @Test
  void givenASnapStartVersion_thenPrimingCallsNothingAndTheFirstClickDecidesAsUsual() {
    posted();
    stack.eventBridge().resetRequests();
    try (LocalLambda primed = stack.function(BOT_FN, env(), b -> b.snapStart(true))) {
      primed.awaitSnapshot(Duration.ofSeconds(90));

      assertEquals(0, stack.wiremock().getAllServeEvents().size(), "priming sent nothing to any stand-in");
      assertEquals(0, stack.eventBridge().getAllServeEvents().size());
      List<JsonObject> lines = PrimingE2ETest.batonLines(primed.log());
      assertEquals(1, lines.size(), primed::log);
      assertEquals("primed", lines.get(0).string("message"));
      assertEquals(0L, lines.get(0).optLong("callsSent").orElseThrow());
      assertTrue(lines.get(0).optLong("callsAnsweredInProcess").orElseThrow() >= 20, lines.get(0)::toString);
      // Through the bot's own dispatch: a signed click verified (the stand-in's keys), decided and finished.
      assertTrue(lines.get(0).asMap().get("paths") instanceof List<?> paths && paths.containsAll(List.of(
          "activity with no token (refused)", "approve card click", "reject card click with a reason",
          "hand-off (asynchronous Invoke, then batonFinish)", "approve card click during a freeze (refused)")),
          lines.get(0)::toString);
      assertEquals("PENDING", approval().get("status").s(), "the real table untouched");

      Map<String, Object> answer = answer(primed.invoke(teams.signed(teams.activity(APPROVE, ID))));

      assertTrue(Json.write(answer.get("value")).contains("Approved by Jane Doe on "), answer::toString);
      assertEquals(1, cpCalls("PutApprovalResult"));
    }
  }

  @Test
  void givenABotThatHasVerifiedATokenBefore_thenAnApproveClickMakesExactlyTheseCalls() {
    posted();
    Map<String, String> env = new java.util.LinkedHashMap<>(env());
    try (CallJournal journal = new CallJournal(stack); LocalLambda bot = stack.function(BOT_FN, merged(env,
        journal.environment()))) {
      // A verified activity that is no click: the Bot Framework's metadata and keys fetched and cached.
      assertEquals(200, status(bot.invoke(teams.signed(Json.write(Map.of("type", "conversationUpdate",
          "serviceUrl", teams.serviceUrl()))))));
      journal.reset();

      Map<String, Object> answer = answer(bot.invoke(teams.signed(teams.activity(APPROVE, ID))));

      assertTrue(Json.write(answer.get("value")).contains("Approved by Jane Doe on "), answer::toString);
      // The approval read (the click names only its id), decided (UpdateItem), the freezes (Query),
      // PutApprovalResult, the Slack message and the card updated, the outcome recorded (UpdateItem); the card in
      // the answer is the approval as the finish left it, not read again. Once per environment: the Slack bot token
      // and the bot's client secret (GetSecretValue), the Bot Connector's token.
      assertEquals(new java.util.TreeMap<>(Map.of("dynamodb:GetItem", 1, "dynamodb:UpdateItem", 2,
          "dynamodb:Query", 1, "codepipeline:PutApprovalResult", 1, "slack:chat.update", 1,
          "PUT " + BotFramework.cardPath(), 1, "secretsmanager:GetSecretValue", 2,
          "POST " + BotFramework.tokenPath(), 1)), journal.calls());
    }
  }

  private static Map<String, String> merged(Map<String, String> env, Map<String, String> more) {
    env.putAll(more);
    return env;
  }

  // ------------------------------------------------------------------ who may decide

  @Test
  void givenAGroupMember_thenGraphIsAskedAndTheyMayApprove() {
    posted();

    answer(bot().invoke(teams.signed(teams.activityBy(APPROVE, ID, BotFramework.CAROL, "Carol Diaz"))));

    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/teams/graph/v1.0/users/" + BotFramework.CAROL
        + "/checkMemberGroups")).withHeader("Authorization", equalTo("Bearer " + BotFramework.GRAPH_TOKEN))
        .withRequestBody(equalToJson("{\"groupIds\":[\"" + BotFramework.RELEASE_MANAGERS + "\"]}")));
    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(BotFramework.CAROL, approval().get("decidedBy").s());
  }

  @Test
  void givenSomeoneNotAnApprover_thenTheyAreToldAndNothingIsDecided() {
    posted();

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activityBy(APPROVE, ID,
        "11111111-2222-4333-8444-555555555555", "Mallory"))));

    assertEquals("application/vnd.microsoft.activity.message", answer.get("type"));
    assertTrue(String.valueOf(answer.get("value")).startsWith("You may not approve payments-deploy / Approve / "
        + "ProductionGate: you are not an approver"), answer::toString);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(0, cardUpdates().size());
  }

  @Test
  void givenGraphFails_thenAGroupMemberIsRefusedForNowFailingClosed() {
    posted();
    stack.wiremock().stubFor(post(urlPathMatching("/teams/graph/v1.0/users/.*/checkMemberGroups")).atPriority(1)
        .willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"code\":\"Authorization_RequestDenied\","
            + "\"message\":\"Insufficient privileges to complete the operation.\"}}")));

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activityBy(APPROVE, ID, BotFramework.CAROL,
        "Carol Diaz"))));

    assertTrue(String.valueOf(answer.get("value")).startsWith("Baton cannot check your permission now: Microsoft "
        + "Entra ID did not say"), answer::toString);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertTrue(bot().log().contains("GroupMember.Read.All"), "the log says what to grant");
  }

  @Test
  void givenTheStarterApprovesInTeams_thenTheFourEyesRuleRefusesThem() {
    posted();

    Map<String, Object> answer = answer(bot().invoke(teams.signed(teams.activityBy(APPROVE, ID, BotFramework.BOB,
        "Bob Stone"))));

    assertTrue(String.valueOf(answer.get("value")).contains("you started this execution"), answer::toString);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
  }

  @Test
  void givenAUserOfAnotherTenant_thenTheyAreRefusedWithoutARead() {
    posted();
    String foreign = teams.activity(APPROVE, ID, a -> a.put("conversation", Map.of("id", BotFramework.CHANNEL,
        "conversationType", "channel", "tenantId", "00000000-1111-4222-8333-444444444444")));

    Map<String, Object> answer = answer(bot().invoke(teams.signed(foreign)));

    assertTrue(String.valueOf(answer.get("value")).contains("Only users of this Baton's Microsoft Entra tenant"));
    assertEquals(0, cpCalls("PutApprovalResult"));
  }

  @Test
  void givenAnotherVerifiedActivity_thenItIsAcknowledgedAndNothingElseHappens() {
    posted();
    String installed = teams.activity(APPROVE, ID, a -> {
      a.put("type", "conversationUpdate");
      a.remove("name");
    });

    Invocation r = bot().invoke(teams.signed(installed));

    assertEquals(200, status(r), r::toString);
    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
  }

  private static String aliceClicksApprove() {
    return SlackInteractions.signed(SlackInteractions.form(SlackInteractions.asUser("slack-block-actions-approve.json",
        "U0ALICE", "alice")));
  }

  /** The card the sample request is posted as (events/sns-approval-notification.json), exactly. */
  private static String pendingCard() {
    String expires = EXPIRES.toString().substring(0, 16).replace('T', ' ') + " UTC";
    return """
        {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
          "body": [
            {"type": "TextBlock", "text": "Approval needed: payments-deploy", "wrap": true, "weight": "Bolder",
             "size": "Medium"},
            {"type": "FactSet", "facts": [{"title": "Stage", "value": "Approve"},
              {"title": "Action", "value": "ProductionGate"}, {"title": "Execution", "value": "%s"},
              {"title": "Expires", "value": "%s"}]},
            {"type": "TextBlock", "text": "Payments 1.4.2 is on the canary (5%% of traffic). Check the error rate and latency before promoting to production.", "wrap": true},
            {"type": "Input.Text", "id": "reason", "label": "Reason (sent to CodePipeline when you reject)",
             "isMultiline": true, "maxLength": 500}],
          "actions": [
            {"type": "Action.Execute", "title": "Approve", "verb": "baton.approve", "style": "positive",
             "data": {"approvalId": "%s"}},
            {"type": "Action.Execute", "title": "Reject", "verb": "baton.reject", "style": "destructive",
             "data": {"approvalId": "%s"}},
            {"type": "Action.OpenUrl", "title": "Review in CodePipeline",
             "url": "https://console.aws.amazon.com/codepipeline/home?region=eu-west-1#/view/payments-deploy"}]}}]}
        """.formatted(EXECUTION, expires, ID, ID);
  }
}
