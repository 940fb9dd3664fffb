package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.SampleTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Slack approvals end to end: the approval-request and approval-callback zips as packaged, under the Lambda runtime
 * interface client, against dynalite and WireMock standing in for Slack, CodePipeline, Secrets Manager and Lambda.
 * Each test has its own table.
 */
class ApprovalE2ETest extends ApprovalStackTest {
  /** The sample notification's {@code expires}, moved to the present. */
  private static final Instant EXPIRES = Instant.parse("2026-11-27T13:12:00Z").plus(SHIFT);

  // ------------------------------------------------------------------ request

  @Test
  void givenAnApprovalNotification_thenAPendingRecordAndExactlyThisMessage() {
    Invocation result = requests().invoke(sample("sns-approval-notification.json"));

    assertFalse(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"outcome\":\"POSTED\""), result::bodyText);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + SlackInteractions.BOT_TOKEN))
        .withRequestBody(equalToJson(pendingMessage())));
    LoggedRequest posted = slack("chat.postMessage").get(0);
    assertFalse(posted.getBodyAsString().contains(TOKEN), "the approval token never goes to Slack");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "GetPipelineState")).withRequestBody(equalToJson("{\"name\":\"payments-deploy\"}")));

    Map<String, AttributeValue> item = approval();
    assertEquals("PENDING", item.get("status").s());
    assertEquals(TOKEN, item.get("token").s());
    assertEquals("payments-deploy", item.get("pipeline").s());
    assertEquals("Approve", item.get("stage").s());
    assertEquals("ProductionGate", item.get("action").s());
    assertEquals(EXPIRES.toString(), item.get("expires").s());
    assertEquals(EXECUTION, item.get("executionId").s());
    assertEquals("arn:aws:sts::123456789012:assumed-role/Deployers/bob", item.get("startedBy").s());
    assertTrue(item.get("customData").s().startsWith("Payments 1.4.2 is on the canary"));
    assertTrue(item.get("approvalReviewLink").s().endsWith("/approve/" + TOKEN));
    assertEquals("https://grafana.example.com/d/payments-canary?from=now-1h", item.get("externalEntityLink").s());
    assertEquals("C0PAYMENTS", item.get("channel").s());
    assertEquals(TS, item.get("messageTs").s());
    assertEquals("APPROVALS#payments-deploy#Approve#ProductionGate", item.get("gsi1pk").s());
  }

  @Test
  void givenTheSameNotificationTwice_thenOneMessage() {
    String event = sample("sns-approval-notification.json");

    Invocation first = requests().invoke(event);
    Invocation second = requests().invoke(event);

    assertTrue(first.bodyText().contains("\"outcome\":\"POSTED\""), first::toString);
    assertTrue(second.bodyText().contains("\"outcome\":\"DUPLICATE\""), second::toString);
    assertEquals(1, slack("chat.postMessage").size());
  }

  @Test
  void givenAnotherPipeline_thenItIsRoutedToItsChannelAndWorksWithoutAnExecutionLookup() {
    stack.wiremock().removeStub(cp("GetPipelineState"));
    stub(cp("GetPipelineState").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/x-amz-json-1.1").withBody("{\"__type\":\"PipelineNotFoundException\",\"message\":\"no\"}")));

    Invocation result = requests().invoke(sample("sns-approval-notification-ledger.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"POSTED\""), result::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo("#releases")))
        .withRequestBody(matchingJsonPath("$.text", equalTo("Approval needed: ledger-deploy / Staging / QA-SignOff"))));
  }

  @Test
  void givenSlackRefusesThePost_thenTheInvocationFailsForARetryAndTheRetryPosts() {
    stack.wiremock().removeStub(slackCall("chat.postMessage"));
    stubSlack("chat.postMessage", "{\"ok\":false,\"error\":\"not_in_channel\"}");

    Invocation failed = requests().invoke(sample("sns-approval-notification.json"));

    assertTrue(failed.failed(), failed::toString);
    assertTrue(failed.bodyText().contains("not_in_channel"), failed::bodyText);
    assertEquals("0", approval().get("postLeaseUntil").n(), "the right to post is given back for the retry");
    stack.wiremock().removeStub(slackCall("chat.postMessage"));
    stubSlack("chat.postMessage", "{\"ok\":true,\"channel\":\"C0PAYMENTS\",\"ts\":\"" + TS + "\"}");

    Invocation retried = requests().invoke(sample("sns-approval-notification.json"));

    assertTrue(retried.bodyText().contains("\"outcome\":\"POSTED\""), retried::toString);
    assertEquals(TS, approval().get("messageTs").s());
  }

  @Test
  void givenAMalformedNotification_thenItFailsNamingTheFieldAndNothingHappens() {
    Invocation result = requests().invoke(Events.load("sns-approval-malformed.json"));

    assertTrue(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("$.Records[0].Sns.Message $.approval.token: missing"), result::bodyText);
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count());
    assertEquals(0, slackCalls());
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void givenAnApproveClick_thenExactlyOnePutApprovalResultAndTheMessageIsUpdated() {
    posted();

    Invocation click = callback().invoke(SlackInteractions.request(
        SlackInteractions.form(Events.load("slack-block-actions-approve.json")), Instant.now().getEpochSecond(),
        false, SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"));

    assertEquals(200, status(click), click::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "stageName": "Approve", "actionName": "ProductionGate",
             "result": {"summary": "Approved in Slack by alice (U0ALICE) in #payments-releases", "status": "Approved"},
             "token": "%s"}""".formatted(TOKEN))));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo("C0PAYMENTS")))
        .withRequestBody(matchingJsonPath("$.ts", equalTo(TS)))
        .withRequestBody(matchingJsonPath("$.text", equalTo("Approved: payments-deploy / Approve / ProductionGate")))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":white_check_mark: *Approved* by <@U0ALICE>"))));
    assertFalse(slack("chat.update").get(0).getBodyAsString().contains("baton.approve"), "no buttons any more");
    Map<String, AttributeValue> item = approval();
    assertEquals("APPROVED", item.get("status").s());
    assertEquals("U0ALICE", item.get("decidedBy").s());
    assertEquals("approve", item.get("decision").s());
    assertEquals("APPROVED", item.get("messageShows").s(), "recorded with the outcome, in one write");
    assertTrue(everything().stream().noneMatch(i -> i.get("sk").s().contains("#APPROVAL#")),
        "the history's link waits for CodePipeline's event");

    Invocation ended = requests().invoke(sample("codepipeline-action-approval-succeeded.json"));

    assertTrue(ended.bodyText().contains("\"outcome\":\"LINKED\""), ended::toString);
    Map<String, AttributeValue> link = item("PIPELINE#payments-deploy", "EXEC#" + EXECUTION
        + "#APPROVAL#Approve#ProductionGate");
    assertEquals("APPROVED", link.get("status").s());
    assertEquals("Approved in Slack by alice (U0ALICE) in #payments-releases", link.get("summary").s());
    assertFalse((callback().log() + requests().log()).contains("SLF4J:"),
        "the SDK's logging has its (no-op) binding: no SLF4J notice in a function's log at a cold start");
  }

  @Test
  void givenARejectClick_thenAReasonIsAskedAndTheSubmittedReasonReachesCodePipelineTheMessageAndTheHistory() {
    posted();

    Invocation click = callback().invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-reject.json"))));

    assertEquals(200, status(click), click::toString);
    assertEquals("PENDING", approval().get("status").s(), "nothing is decided before the reason");
    assertEquals(0, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/views.open"))
        .withRequestBody(matchingJsonPath("$.trigger_id", equalTo("8177542347527.2405742181.5d8b3f0c7d1e9a6b4c2f1e0d9c8b7a6f")))
        .withRequestBody(matchingJsonPath("$.view.callback_id", equalTo("baton.reject.reason")))
        .withRequestBody(matchingJsonPath("$.view.private_metadata", equalTo("{\"approvalId\":\"" + ID + "\","
            + "\"pipeline\":\"payments-deploy\",\"stage\":\"Approve\",\"action\":\"ProductionGate\",\"expires\":\""
            + EXPIRES + "\",\"channel\":\"C0PAYMENTS\",\"channelName\":\"payments-releases\"}")))
        .withRequestBody(matchingJsonPath("$.view.blocks[1].element.action_id", equalTo("reason"))));

    Invocation submit = callback().invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-view-submission-reject.json"))));

    assertEquals(200, status(submit), submit::toString);
    assertEquals("", Json.parseObject(submit.bodyText()).optString("body").orElse(""), "an empty answer closes the form");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "stageName": "Approve", "actionName": "ProductionGate",
             "result": {"summary": "Rejected in Slack by alice (U0ALICE) in #payments-releases: Error rate on the canary is 4%%, rolling back",
                        "status": "Rejected"},
             "token": "%s"}""".formatted(TOKEN))));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":x: *Rejected* by <@U0ALICE>")))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text",
            containing("*Reason:* Error rate on the canary is 4%, rolling back"))));
    Map<String, AttributeValue> item = approval();
    assertEquals("REJECTED", item.get("status").s());
    assertEquals("Error rate on the canary is 4%, rolling back", item.get("reason").s());
    requests().invoke(sample("codepipeline-action-approval-failed.json"));
    assertEquals("Error rate on the canary is 4%, rolling back", item("PIPELINE#payments-deploy",
        "EXEC#" + EXECUTION + "#APPROVAL#Approve#ProductionGate").get("reason").s());
  }

  @Test
  void givenADoubleClick_thenOnePutApprovalResultAndTheSecondClickIsToldWhoDecided() {
    posted();
    String click = SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json")));

    callback().invoke(click);
    Invocation again = callback().invoke(click);

    assertEquals(200, status(again));
    assertEquals(1, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0ALICE")))
        .withRequestBody(matchingJsonPath("$.text", containing("Already approved by alice (<@U0ALICE>)"))));
  }

  @Test
  void givenTenApproversRacing_thenExactlyOnePutApprovalResultAndNineAreToldWhoWon() throws Exception {
    posted();
    List<String> users = List.of("U0ALICE", "U0CAROL", "U0DAVE", "U0ALICE", "U0CAROL", "U0DAVE", "U0ALICE",
        "U0CAROL", "U0DAVE", "U0ALICE");
    List<LocalLambda> environments = IntStream.range(0, 10).parallel()
        .mapToObj(i -> stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table))).toList();
    environments.parallelStream().forEach(fn -> assertEquals(400, status(fn.invoke(unknownAction()))));
    stack.wiremock().resetRequests();

    List<CompletableFuture<Invocation>> clicks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String click = SlackInteractions.signed(SlackInteractions.form(SlackInteractions.asUser(
          "slack-block-actions-approve.json", users.get(i), users.get(i).substring(1).toLowerCase())));
      LocalLambda fn = environments.get(i);
      clicks.add(CompletableFuture.supplyAsync(() -> fn.invoke(click)));
    }
    for (CompletableFuture<Invocation> c : clicks) {
      assertEquals(200, status(c.get()), c.get()::toString);
    }

    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(9, slack("chat.postEphemeral").size());
    String winner = approval().get("decidedBy").s();
    assertTrue(slack("chat.postEphemeral").stream().allMatch(r -> r.getBodyAsString().contains("Already approved by ")
        && r.getBodyAsString().contains("<@" + winner + ">")));
    assertEquals("APPROVED", approval().get("status").s());
  }

  @Test
  void givenAButtonWhoseClaimIsNotTheStoredApproval_thenTheStoredOneIsAuthorisedAndDecided() {
    posted();
    String claimsExpired = SampleTime.shift(Events.load("slack-block-actions-approve.json"), Duration.ofDays(-8));

    Invocation click = callback().invoke(SlackInteractions.signed(SlackInteractions.form(claimsExpired)));

    assertEquals(200, status(click), click::toString);
    assertEquals("APPROVED", approval().get("status").s(), "the stored expiry holds, not the claimed one");
    assertEquals(EXPIRES.toString(), approval().get("expires").s());
    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(0, slack("chat.postEphemeral").size());
  }

  @Test
  void givenAButtonClaimingARouteThatAllowsTheClicker_thenTheStoredApprovalsRouteDecides() {
    posted(sample("sns-approval-notification-ledger.json"));
    Map<String, AttributeValue> before = everything().get(0);
    String ledgerId = before.get("approvalId").s();
    String claimsPayments = SlackInteractions.asUser("slack-block-actions-approve.json", "U0BOB", "bob")
        .replace(ID, ledgerId);

    Invocation click = callback().invoke(SlackInteractions.signed(SlackInteractions.form(claimsPayments)));

    assertEquals(200, status(click), click::toString);
    assertEquals(before, everything().get(0), "nothing recorded");
    assertEquals(0, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("You may not approve ledger-deploy / Staging"))));
  }

  @Test
  void givenSomeoneNotOnTheList_thenTheyAreToldAndNothingChanges() {
    posted();
    Map<String, AttributeValue> before = approval();

    Invocation click = callback().invoke(SlackInteractions.signed(SlackInteractions.form(
        SlackInteractions.asUser("slack-block-actions-approve.json", "U0MALLORY", "mallory"))));

    assertEquals(200, status(click));
    assertEquals(before, approval());
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(0, slack("chat.update").size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0MALLORY")))
        .withRequestBody(matchingJsonPath("$.text", containing("You may not approve payments-deploy / Approve / "
            + "ProductionGate: you are not an approver of payments-deploy / Approve"))));
  }

  @Test
  void givenTheStarterOfTheExecution_thenTheyMayNotApproveIt() {
    posted();

    callback().invoke(SlackInteractions.signed(SlackInteractions.form(
        SlackInteractions.asUser("slack-block-actions-approve.json", "U0BOB", "bob"))));

    assertEquals("PENDING", approval().get("status").s());
    assertEquals(0, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("you started this execution"))));
  }

  @Test
  void givenAnApprovalAlreadyCompletedInCodePipeline_thenTheMessageSaysSo() {
    posted();
    stub(cp("PutApprovalResult").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/x-amz-json-1.1").withBody("{\"__type\":\"ApprovalAlreadyCompletedException\","
            + "\"message\":\"The approval request has already been completed\"}")));

    callback().invoke(SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));

    assertEquals("ALREADY_COMPLETED", approval().get("status").s());
    assertEquals(1, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing("CodePipeline had already completed "
            + "this approval"))));
  }

  @Test
  void givenAnExpiredToken_thenTheApprovalIsMarkedExpiredAndTheMessageSaysSo() {
    posted();
    stub(cp("PutApprovalResult").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/x-amz-json-1.1").withBody("{\"__type\":\"InvalidApprovalTokenException\","
            + "\"message\":\"The token is not valid\"}")));
    stub(cp("ListActionExecutions").willReturn(awsJson("{\"actionExecutionDetails\": []}")));   // nothing waits

    callback().invoke(SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));

    assertEquals("EXPIRED", approval().get("status").s());
    assertEquals(1, cpCalls("PutApprovalResult"), "no other token to try");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing("had expired or was replaced"))));
  }

  @Test
  void givenAPipelineInParallelMode_thenTheDecisionGoesOutWithTheApprovalActionsExternalExecutionId() {
    String parallelToken = "b7e1c2d3-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    posted();
    stub(cp("PutApprovalResult").withRequestBody(matchingJsonPath("$.token", equalTo(TOKEN)))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"InvalidApprovalTokenException\",\"message\":\"The token is not valid\"}")));
    stub(cp("PutApprovalResult").withRequestBody(matchingJsonPath("$.token", equalTo(parallelToken)))
        .willReturn(awsJson("{\"approvedAt\": 1763644400.0}")));
    stub(cp("ListActionExecutions").willReturn(awsJson("""
        {"actionExecutionDetails": [
          {"pipelineExecutionId": "%1$s", "actionExecutionId": "7c2d9e4f-1a3b-4c5d-8e6f-0a1b2c3d4e5f",
           "pipelineVersion": 7, "stageName": "Approve", "actionName": "ProductionGate",
           "startTime": 1763644360.915, "lastUpdateTime": 1763644360.915, "status": "InProgress",
           "input": {"actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}},
           "output": {"executionResult": {"externalExecutionId": "%2$s"}}},
          {"pipelineExecutionId": "%1$s", "actionExecutionId": "0f1e2d3c-4b5a-4968-8776-655443322110",
           "pipelineVersion": 7, "stageName": "Source", "actionName": "Source", "status": "Succeeded",
           "input": {"actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"}},
           "output": {"executionResult": {"externalExecutionId": "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"}}}]}"""
        .formatted(EXECUTION, parallelToken))));

    callback().invoke(SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));

    assertEquals("APPROVED", approval().get("status").s());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "ListActionExecutions")).withRequestBody(equalToJson("""
            {"pipelineName": "payments-deploy", "maxResults": 100, "filter": {"pipelineExecutionId": "%s"}}"""
            .formatted(EXECUTION))));
    assertEquals(2, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(CP + "PutApprovalResult")).withRequestBody(matchingJsonPath("$.token", equalTo(parallelToken))));
  }

  @Test
  void givenNoTimeLeftInTheBudget_thenTheDecisionIsRecordedAndHandedOffAndTheHandOffFinishesIt() {
    posted();
    stub(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(202)));
    LocalLambda hurried = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table, "BATON_CALLBACK_BUDGET_MS", "0"));

    Invocation click = hurried.invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));

    assertEquals(200, status(click));
    assertEquals("APPROVING", approval().get("status").s(), "the decision is recorded before the answer");
    assertEquals(0, cpCalls("PutApprovalResult"));
    List<LoggedRequest> invokes = stack.wiremock().findAll(postRequestedFor(
        urlEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Abaton-local-"
            + CALLBACK_FN + "/invocations")).withHeader("X-Amz-Invocation-Type", equalTo("Event")));
    assertEquals(1, invokes.size());
    assertEquals("{\"batonFinish\":{\"approvalId\":\"" + ID + "\"}}", invokes.get(0).getBodyAsString());

    Invocation finish = hurried.invoke(invokes.get(0).getBodyAsString());

    assertFalse(finish.failed(), finish::toString);
    assertEquals("APPROVED", approval().get("status").s());
    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(1, slack("chat.update").size());
    hurried.invoke(invokes.get(0).getBodyAsString());
    assertEquals(1, cpCalls("PutApprovalResult"), "a repeated hand-off repeats nothing");
  }

  @Test
  void givenCodePipelineDownWhenTheClickComes_thenTheDecisionIsKeptAndTheHandOffCompletesItLater() {
    posted();
    stub(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(202)));
    stub(cp("PutApprovalResult").willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

    Invocation click = callback().invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));

    assertEquals(200, status(click));
    assertEquals("APPROVING", approval().get("status").s());
    assertEquals(1, stack.wiremock().findAll(postRequestedFor(urlPathMatching("/2015-03-31/functions/.*"))).size());
    stub(cp("PutApprovalResult").willReturn(awsJson("{\"approvedAt\":1763644421.5}")));

    Invocation finish = callback().invoke("{\"batonFinish\":{\"approvalId\":\"" + ID + "\"}}");

    assertFalse(finish.failed(), finish::toString);
    assertEquals("APPROVED", approval().get("status").s());
  }

  // ------------------------------------------------------------------ console, expiry

  @Test
  void givenTheApprovalIsRejectedInTheConsole_thenTheMessageSaysWhoAndWhy() {
    posted();

    Invocation result = requests().invoke(sample("codepipeline-action-approval-failed.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"UPDATED\""), result::toString);
    assertEquals("REJECTED_ELSEWHERE", approval().get("status").s());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":x: *Rejected outside Slack*")))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text",
            containing("Rejected by arn:aws:sts::123456789012:assumed-role/ReleaseManagers/jdoe: error rate"))));
    Invocation click = callback().invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));
    assertEquals(200, status(click));
    assertEquals(0, cpCalls("PutApprovalResult"), "a click after the console decision changes nothing");
  }

  @Test
  void givenTheApprovalTimesOut_thenTheMessageSaysExpired() {
    posted();

    requests().invoke(sample("approval-action-timed-out.json"));

    assertEquals("EXPIRED", approval().get("status").s());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":hourglass: *Expired*"))));
  }

  @Test
  void givenOurOwnDecisionsStateChange_thenOnlyTheHistoryLinkIsWritten() {
    posted();
    callback().invoke(SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json"))));
    stack.wiremock().resetRequests();
    Map<String, AttributeValue> before = approval();

    Invocation result = requests().invoke(sample("codepipeline-action-approval-failed.json"));

    assertTrue(result.bodyText().contains("\"outcome\":\"LINKED\""), result::toString);
    assertEquals(before, approval(), "the approval is not touched");
    assertEquals(0, slackCalls());
    assertEquals("APPROVED", item("PIPELINE#payments-deploy", "EXEC#" + EXECUTION
        + "#APPROVAL#Approve#ProductionGate").get("status").s(), "as recorded");
  }

  @Test
  void givenCodePipelinesEventBeforeTheOutcomeIsRecorded_thenTheLinkShowsTheDecisionApplied() {
    posted();
    stub(cp("PutApprovalResult").willReturn(awsJson("{\"approvedAt\":1763644421.5}").withFixedDelay(1000)));
    LocalLambda callback = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table,
        "BATON_CALLBACK_BUDGET_MS", "30000"));
    CompletableFuture<Invocation> click = CompletableFuture.supplyAsync(() -> callback.invoke(
        SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json")))));
    await(() -> "APPROVING".equals(approval().get("status").s()));

    Invocation ended = requests().invoke(sample("codepipeline-action-approval-succeeded.json"));

    assertTrue(ended.bodyText().contains("\"outcome\":\"LINKED\""), ended::toString);
    assertEquals("APPROVED", item("PIPELINE#payments-deploy", "EXEC#" + EXECUTION
        + "#APPROVAL#Approve#ProductionGate").get("status").s());
    assertEquals(200, status(click.join()));
    assertEquals("APPROVED", approval().get("status").s(), "the callback still records its outcome");
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  // ------------------------------------------------------------------ forged requests

  @Test
  void givenForgedOrInvalidRequests_thenEachIsRejectedWithNoDynamoDbChangeAndNoAwsOrSlackCall() {
    posted();
    LocalLambda fn = callback();
    assertEquals(400, status(fn.invoke(unknownAction())), "warm: the secret is read once, at start");
    stack.wiremock().resetRequests();
    List<Map<String, AttributeValue>> before = stack.dynamo().scan(b -> b.tableName(table).consistentRead(true))
        .items();
    byte[] body = SlackInteractions.form(Events.load("slack-block-actions-approve.json"));
    long now = Instant.now().getEpochSecond();
    String ts = Long.toString(now);
    String good = "v0=" + dev.baton.slack.SlackSignature.sign(SlackInteractions.SIGNING_SECRET, ts, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("U0ALICE", "U0ALICF")
        .getBytes(StandardCharsets.UTF_8);
    byte[] oversized = SlackInteractions.form("{\"type\":\"block_actions\",\"padding\":\"" + "x".repeat(300_000)
        + "\"}");

    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("no signing headers", status(fn.invoke(SlackInteractions.envelope(body, true, Map.of(
        "content-type", "application/x-www-form-urlencoded")))));
    cases.put("no timestamp header", status(fn.invoke(SlackInteractions.envelope(body, true, Map.of(
        "content-type", "application/x-www-form-urlencoded", "x-slack-signature", good)))));
    cases.put("no signature header", status(fn.invoke(SlackInteractions.envelope(body, true, Map.of(
        "content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts)))));
    cases.put("wrong signature (another secret)", status(fn.invoke(SlackInteractions.request(body, now, true,
        "not-the-signing-secret-0000000000", "application/x-www-form-urlencoded"))));
    cases.put("tampered body", status(fn.invoke(SlackInteractions.envelope(tampered, true, Map.of(
        "content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts,
        "x-slack-signature", good)))));
    cases.put("stale timestamp (6 minutes old)", status(fn.invoke(SlackInteractions.request(body, now - 360, true,
        SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"))));
    cases.put("future timestamp (6 minutes ahead)", status(fn.invoke(SlackInteractions.request(body, now + 360,
        true, SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"))));
    cases.put("replay of a valid request after 5 minutes", status(fn.invoke(SlackInteractions.request(body,
        now - 301, true, SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"))));
    cases.put("oversized body (signed)", status(fn.invoke(SlackInteractions.request(oversized, now, true,
        SlackInteractions.SIGNING_SECRET, "application/x-www-form-urlencoded"))));
    cases.put("non-form body (signed JSON)", status(fn.invoke(SlackInteractions.request(
        Events.load("slack-block-actions-approve.json").getBytes(StandardCharsets.UTF_8), now, true,
        SlackInteractions.SIGNING_SECRET, "application/json"))));
    cases.put("unknown action id (signed)", status(fn.invoke(unknownAction())));
    cases.put("an alert's link button (signed)", status(fn.invoke(linkButton())));
    cases.put("not base64 although flagged", status(fn.invoke(Events.load("function-url-slack-interaction.json")
        .replaceFirst("\"body\": \"[^\"]+\"", "\"body\": \"%%%not-base64%%%\""))));

    Map<String, Integer> expected = new LinkedHashMap<>();
    cases.keySet().forEach(k -> expected.put(k, 401));
    expected.put("non-form body (signed JSON)", 400);
    expected.put("unknown action id (signed)", 400);
    expected.put("not base64 although flagged", 400);
    expected.put("an alert's link button (signed)", 200);
    assertEquals(expected, cases);
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), () -> "calls: " + stack.wiremock()
        .getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
    assertEquals(before, stack.dynamo().scan(b -> b.tableName(table).consistentRead(true)).items());
    assertFalse(fn.log().contains(SlackInteractions.SIGNING_SECRET) || fn.log().contains(SlackInteractions.BOT_TOKEN),
        "secrets never reach the log");
    assertTrue(fn.log().contains("\"reason\":\"signature does not match\""), fn.log());
  }

  // ------------------------------------------------------------------ helpers

  private static String unknownAction() {
    return SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json")
        .replace("\"action_id\": \"baton.approve\"", "\"action_id\": \"deploy.everything\"")));
  }

  /** Slack also reports clicks on link buttons (an alert's "Open execution"): acknowledged, nothing else. */
  private static String linkButton() {
    return SlackInteractions.signed(SlackInteractions.form(Events.load("slack-block-actions-approve.json")
        .replace("\"action_id\": \"baton.approve\"", "\"action_id\": \"baton_open_execution\", \"url\": "
            + "\"https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/payments-deploy/view\"")));
  }

  /** The message posted for the sample notification. */
  private static String pendingMessage() {
    return """
        {"channel": "C0PAYMENTS", "text": "Approval needed: payments-deploy / Approve / ProductionGate",
         "blocks": [
          {"type": "header", "text": {"type": "plain_text", "text": "Approval needed: payments-deploy", "emoji": true}},
          {"type": "section", "text": {"type": "mrkdwn", "text": "*Stage* Approve   *Action* ProductionGate\\n*Execution* `%s`\\n*Expires* <!date^%d^{date_short_pretty} at {time}|%s UTC>"}},
          {"type": "section", "text": {"type": "mrkdwn", "text": ">Payments 1.4.2 is on the canary (5%% of traffic). Check the error rate and latency before promoting to production."}},
          {"type": "section", "text": {"type": "mrkdwn", "text": "<https://console.aws.amazon.com/codepipeline/home?region=eu-west-1#/view/payments-deploy|Review in CodePipeline>   <https://grafana.example.com/d/payments-canary?from=now-1h|Details>"}},
          {"type": "actions", "block_id": "baton.approval", "elements": [
            {"type": "button", "action_id": "baton.approve", "text": {"type": "plain_text", "text": "Approve", "emoji": true}, "style": "primary", "value": "%s"},
            {"type": "button", "action_id": "baton.reject", "text": {"type": "plain_text", "text": "Reject", "emoji": true}, "style": "danger", "value": "%s"}]}
         ]}""".formatted(EXECUTION, EXPIRES.getEpochSecond(), EXPIRES.toString().substring(0, 16).replace('T', ' '),
            CLAIM, CLAIM);
  }

  /**
   * What the buttons say about the approval (JSON in the button value, escaped for the JSON of the message): id,
   * approval action and expiry, so a click is recorded with one conditional write; never the token.
   */
  private static final String CLAIM = ("{\\\"approvalId\\\":\\\"" + ID + "\\\",\\\"pipeline\\\":"
      + "\\\"payments-deploy\\\",\\\"stage\\\":\\\"Approve\\\",\\\"action\\\":"
      + "\\\"ProductionGate\\\",\\\"expires\\\":\\\"" + EXPIRES + "\\\"}");
}
