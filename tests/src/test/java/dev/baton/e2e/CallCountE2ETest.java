package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.SampleTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network calls each story makes, counted by kind through the packaged zips: DynamoDB operations through a
 * journaling proxy in front of dynalite, every other AWS call and Slack through WireMock's journal
 * ({@link CallJournal}). The counts are exact, so a call added to a story fails here; docs/performance.md ("Calls
 * per story") has the same figures, before and after they were cut. Warm environments: the Slack secret is read
 * before the story starts, so it is not counted (a cold start adds one {@code secretsmanager:GetSecretValue}).
 */
class CallCountE2ETest extends ApprovalStackTest {
  /**
   * A refused conditional write returns the item on DynamoDB ({@code ReturnValuesOnConditionCheckFailure}); dynalite
   * does not implement that, so the store reads it: one GetItem that DynamoDB does not need.
   */
  private static final String DYNALITE_REFUSAL_READ = "dynamodb:GetItem";
  private CallJournal journal;

  @BeforeEach
  void journal() {
    journal = new CallJournal(stack);
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  // ------------------------------------------------------------------ approval-callback

  @Test
  void anApproveClick() {
    LocalLambda fn = warmCallback();
    posted();

    Map<String, Integer> calls = story(fn, click("slack-block-actions-approve.json", "U0ALICE"));

    assertEquals(calls("dynamodb:Query", 1,
        "dynamodb:UpdateItem", 2, "codepipeline:PutApprovalResult", 1, "slack:chat.update", 1), calls,
        "the Query: the pipeline's freezes, checked at every Approve (issue 12)");
    assertEquals("APPROVED", approval().get("status").s());
  }

  @Test
  void aRejectClickThenTheReasonSubmitted() {
    LocalLambda fn = warmCallback();
    posted();

    Map<String, Integer> click = story(fn, click("slack-block-actions-reject.json", "U0ALICE"));
    Map<String, Integer> submit = story(fn, SlackInteractions.signed(SlackInteractions.form(
        Events.load("slack-view-submission-reject.json"))));

    assertEquals(calls("dynamodb:GetItem", 1, "slack:views.open", 1), click);
    assertEquals(calls(
        "dynamodb:UpdateItem", 2, "codepipeline:PutApprovalResult", 1, "slack:chat.update", 1), submit);
    assertEquals("REJECTED", approval().get("status").s());
  }

  @Test
  void aSecondClickAfterTheDecision() {
    LocalLambda fn = warmCallback();
    posted();
    story(fn, click("slack-block-actions-approve.json", "U0ALICE"));

    Map<String, Integer> calls = story(fn, click("slack-block-actions-approve.json", "U0ALICE"));

    assertEquals(calls("dynamodb:Query", 1, "dynamodb:UpdateItem", 1, DYNALITE_REFUSAL_READ, 1,
        "slack:chat.postEphemeral", 1), calls);
  }

  @Test
  void aClickBySomeoneNotAllowed() {
    LocalLambda fn = warmCallback();
    posted();

    Map<String, Integer> calls = story(fn, click("slack-block-actions-approve.json", "U0MALLORY"));

    assertEquals(calls("slack:usergroups.users.list", 1, "slack:chat.postEphemeral", 1), calls,
        "refused on what the button claims: no DynamoDB call at all");
    assertEquals("PENDING", approval().get("status").s());
  }

  @Test
  void aClickByTheStarterUnderFourEyes() {
    LocalLambda fn = warmCallback();
    posted();

    Map<String, Integer> calls = story(fn, click("slack-block-actions-approve.json", "U0BOB"));

    assertEquals(calls("dynamodb:Query", 1, "dynamodb:UpdateItem", 1, DYNALITE_REFUSAL_READ, 1,
        "slack:chat.postEphemeral", 1), calls);
    assertEquals("PENDING", approval().get("status").s());
  }

  @Test
  void aClickAfterTheApprovalExpired() {
    LocalLambda fn = warmCallback();
    Duration eightDaysAgo = Duration.ofDays(-8);
    posted(SampleTime.shift(Events.load("sns-approval-notification.json"), SHIFT.plus(eightDaysAgo)));
    String click = SlackInteractions.signed(SlackInteractions.form(SampleTime.shift(
        Events.load("slack-block-actions-approve.json"), eightDaysAgo)));

    Map<String, Integer> calls = story(fn, click);

    assertEquals(calls("dynamodb:UpdateItem", 2, "slack:chat.postEphemeral", 1, "slack:chat.update", 1), calls);
    assertEquals("EXPIRED", approval().get("status").s());
  }

  @Test
  void theEndOfAnApprovalDecidedInSlack() {
    posted();
    story(warmCallback(), click("slack-block-actions-approve.json", "U0ALICE"));

    Map<String, Integer> calls = story(function(REQUEST_FN), sample("codepipeline-action-approval-succeeded.json"));

    assertEquals(calls("dynamodb:Query", 1, "dynamodb:PutItem", 1, "events:PutEvents", 1), calls);
  }

  @Test
  void anApproveClickOnAMessagePostedBeforeButtonsCarriedTheClaim() {
    LocalLambda fn = warmCallback();
    posted();
    Map<String, Object> payload = new LinkedHashMap<>(Json.parseObject(Events.load("slack-block-actions-approve.json"))
        .asMap());
    Map<String, Object> action = new LinkedHashMap<>(Json.parseObject(Events.load("slack-block-actions-approve.json"))
        .objects("actions").get(0).asMap());
    action.put("value", ID);
    payload.put("actions", List.of(action));
    String legacy = Json.write(payload);

    Map<String, Integer> calls = story(fn, SlackInteractions.signed(SlackInteractions.form(legacy)));

    assertEquals(calls("dynamodb:GetItem", 1, "dynamodb:Query", 1, "dynamodb:UpdateItem", 2,
        "codepipeline:PutApprovalResult", 1, "slack:chat.update", 1), calls,
        "one read more: the approval the bare id names");
    assertEquals("APPROVED", approval().get("status").s());
  }

  // ------------------------------------------------------------------ approval-request

  @Test
  void anApprovalRequestPosted() {
    Map<String, Integer> calls = story(function(REQUEST_FN), sample("sns-approval-notification.json"));

    assertEquals(calls("dynamodb:GetItem", 1, "dynamodb:PutItem", 1, "dynamodb:UpdateItem", 1, "dynamodb:Query", 1,
        "codepipeline:GetPipelineState", 1, "codepipeline:GetPipelineExecution", 1,
        "secretsmanager:GetSecretValue", 1, "slack:chat.postMessage", 1, "events:PutEvents", 1), calls);
  }

  // ------------------------------------------------------------------ release-trigger

  @Test
  void anUploadThatStartsAPipelineThenTheSameUploadAgainThenAnUploadNoRuleMatches() {
    stub(cp("StartPipelineExecution").willReturn(awsJson("{\"pipelineExecutionId\":\"4f8a1c2e-0000-4000-8000-000000000001\"}")));
    LocalLambda fn = function("ReleaseTriggerFunction");

    Map<String, Integer> started = story(fn, Events.load("s3-object-created.json"));
    Map<String, Integer> duplicate = story(fn, Events.load("s3-object-created.json"));
    Map<String, Integer> noRule = story(fn, Events.load("s3-object-created-no-rule.json"));

    // Query: the ad-hoc freezes of the pipeline (a frozen pipeline holds the release); PutEvents: Baton Release Started
    assertEquals(calls("dynamodb:Query", 1, "dynamodb:PutItem", 2, "dynamodb:UpdateItem", 1,
        "codepipeline:StartPipelineExecution", 1, "events:PutEvents", 1), started);
    // a redelivery may be the retry of a failed publish: the same event again, the same id
    assertEquals(calls("dynamodb:Query", 1, "dynamodb:PutItem", 1, "dynamodb:GetItem", 1, "events:PutEvents", 1),
        duplicate);
    assertEquals(calls(), noRule);
  }

  // ------------------------------------------------------------------ pipeline-history

  @Test
  void pipelineStageAndActionEvents_coldThenWarm() {
    LocalLambda fn = function("PipelineHistoryFunction");

    Map<String, Integer> coldStage = story(fn, Events.load("codepipeline-stage-started.json"));
    Map<String, Integer> pipeline = story(fn, Events.load("codepipeline-pipeline-started.json"));
    Map<String, Integer> stage = story(fn, Events.load("codepipeline-stage-succeeded.json"));
    Map<String, Integer> action = story(fn, Events.load("codepipeline-action-succeeded-source.json"));
    Map<String, Integer> otherExecution = story(fn, Events.load("codepipeline-action-started-codebuild.json"));

    assertEquals(calls("dynamodb:UpdateItem", 3), coldStage, "the stage, the execution's identity, the registry");
    assertEquals(calls("dynamodb:UpdateItem", 1), pipeline, "the execution; the registry is written already");
    assertEquals(calls("dynamodb:UpdateItem", 1), stage, "the stage; identity and registry written already");
    assertEquals(calls("dynamodb:UpdateItem", 1), action);
    assertEquals(calls("dynamodb:UpdateItem", 2), otherExecution, "the action and a new execution's identity");
  }

  // ------------------------------------------------------------------ alerts

  @Test
  void aFailureAlertedToSnsAndSlackThenTheSameEventAgain() {
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    stub(cp("GetPipelineExecution").willReturn(awsJson(CodePipelineAnswers.paymentsExecution("InProgress"))));
    LocalLambda fn = alerts();

    Map<String, Integer> failed = story(fn, Events.load("codepipeline-action-failed-codebuild.json"));
    Map<String, Integer> duplicate = story(fn, Events.load("codepipeline-action-failed-codebuild.json"));

    // the Baton event is one more delivery, claimed and marked like the others (2 of the 6 UpdateItems)
    assertEquals(calls("dynamodb:Query", 1, "dynamodb:GetItem", 1, "dynamodb:PutItem", 2, "dynamodb:UpdateItem", 6,
        "codepipeline:GetPipelineExecution", 1, "secretsmanager:GetSecretValue", 1, "sns:Publish", 1,
        "slack:chat.postMessage", 1, "events:PutEvents", 1), failed);
    assertEquals(calls("dynamodb:Query", 1), duplicate);
  }

  @Test
  void aRecoveryAfterAFailure() {
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    stub(cp("GetPipelineExecution").willReturn(awsJson(CodePipelineAnswers.paymentsExecution("Failed"))));
    stub(cp("ListActionExecutions").willReturn(awsJson(CodePipelineAnswers.actionExecutions(
        CodePipelineAnswers.succeededAction(CodePipelineAnswers.PAYMENTS_EXECUTION, "Source", "Source"),
        CodePipelineAnswers.failedAction(CodePipelineAnswers.PAYMENTS_EXECUTION, "Build", "Build", "CodeBuild",
            "Build", "Build terminated with state: FAILED")))));
    LocalLambda fn = alerts();
    story(fn, Events.load("codepipeline-pipeline-failed.json"));

    Map<String, Integer> recovered = story(fn, Events.load("alerts-pipeline-succeeded-after-failure.json"));

    assertEquals(calls("dynamodb:Query", 1, "dynamodb:GetItem", 1, "dynamodb:PutItem", 2, "dynamodb:UpdateItem", 8,
        "sns:Publish", 1, "slack:chat.postMessage", 1, "events:PutEvents", 1), recovered);
  }

  private LocalLambda alerts() {
    Map<String, String> env = new LinkedHashMap<>(journal.environment());
    env.put("BATON_TABLE", table);
    env.put("BATON_SLACK_SECRET", AlertStubs.SECRET_NAME);
    return stack.function("AlertsFunction", env);
  }

  // ------------------------------------------------------------------ helpers

  /** The calls {@code fn} makes for {@code event}, after the journal was reset. */
  private Map<String, Integer> story(LocalLambda fn, String event) {
    journal.reset();
    Invocation result = fn.invoke(event);
    assertTrue(!result.failed(), result::toString);
    Map<String, Integer> calls = journal.calls();
    System.out.println("calls " + calls.values().stream().mapToInt(Integer::intValue).sum() + " " + calls);
    return calls;
  }

  /** A callback environment that has read the Slack secret (a signed request Baton does not handle). */
  private LocalLambda warmCallback() {
    LocalLambda fn = function(CALLBACK_FN);
    assertEquals(400, status(fn.invoke(SlackInteractions.signed(SlackInteractions.form(
        Events.load("slack-block-actions-approve.json").replace("\"action_id\": \"baton.approve\"",
            "\"action_id\": \"deploy.everything\""))))));
    return fn;
  }

  private LocalLambda function(String logicalId) {
    Map<String, String> env = new LinkedHashMap<>(journal.environment());
    env.put("BATON_TABLE", table);
    // The whole story within Slack's answer however busy the machine: a hand-off would change the calls counted.
    env.put("BATON_CALLBACK_BUDGET_MS", "60000");
    return stack.function(logicalId, env);
  }

  private static Map<String, Integer> calls(Object... kindsAndCounts) {
    Map<String, Integer> m = new java.util.TreeMap<>();
    for (int i = 0; i < kindsAndCounts.length; i += 2) {
      m.put((String) kindsAndCounts[i], (Integer) kindsAndCounts[i + 1]);
    }
    return m;
  }

}
