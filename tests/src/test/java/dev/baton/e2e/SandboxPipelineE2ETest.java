package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.history.ActionFailure;
import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.Dora;
import dev.baton.core.history.DoraReport;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.local.Invocation;
import dev.baton.local.SandboxAnswers;
import dev.baton.local.SandboxRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox pipeline of examples/sandbox-pipeline, replayed from its sample events through the packaged functions
 * (what `./baton demo sandbox` shows): the two uploads start the pipeline through Baton, the history records both
 * executions with their release, the approval request is posted to Slack and the click answers CodePipeline, and the
 * build that fails on purpose raises exactly one alert. The run happens once; each test checks one story of it.
 */
class SandboxPipelineE2ETest extends StackTest {
  private static final String CP = "CodePipeline_20150709.";
  private static final List<Call> RUN = new ArrayList<>();
  private static String table;

  /** One invocation of the run and the requests it made. */
  private record Call(SandboxRun.Step step, String function, Invocation result, List<LoggedRequest> requests) {}

  @BeforeAll
  static void replayTheSandboxRun() {
    table = freshTable("sandbox");
    SandboxAnswers.install(stack.wiremock());
    SandboxRun.replay(stack, Map.of("BATON_TABLE", table), payload -> SlackInteractions.request(
            SlackInteractions.form(payload), Instant.now().getEpochSecond(), true, SandboxAnswers.SIGNING_SECRET,
            "application/x-www-form-urlencoded"),
        (step, function, result, requests) -> RUN.add(new Call(step, function, result, requests)));
  }

  @Test
  void givenEverySampleEvent_thenEveryFunctionItReachesHandlesIt() {
    List<String> failed = RUN.stream().filter(c -> c.result().failed())
        .map(c -> c.function() + " " + c.step().event() + ": " + c.result()).toList();

    assertEquals(List.of(), failed);
    assertEquals(SandboxRun.steps().stream().mapToInt(s -> s.functions().size()).sum(),
        RUN.stream().filter(c -> !c.step().what().contains("hand-off")).count());
    assertTrue(RUN.stream().anyMatch(c -> c.function().equals("ApprovalCallbackFunction")
        && body(c.result()).optLong("statusCode").orElse(0L) == 200), "the signed click is accepted");
  }

  @Test
  void givenTheDocumentedUploads_thenBatonStartsTheSandboxPipelineOncePerUploadPinnedToTheObject() {
    List<LoggedRequest> starts = requests(CP + "StartPipelineExecution");

    assertEquals(2, starts.size());
    assertTrue(equalToJson("""
        {"name": "baton-sandbox-deploy", "clientRequestToken": "${json-unit.any-string}",
         "variables": [{"name": "SERVICE", "value": "baton-sandbox"}, {"name": "VERSION", "value": "1.0.0"},
                       {"name": "ARTIFACT_KEY", "value": "releases/baton-sandbox/1.0.0/baton-sandbox-1.0.0.zip"},
                       {"name": "ARTIFACT_ETAG", "value": "5d41402abc4b2a76b9719d911017c592"}],
         "sourceRevisions": [
           {"actionName": "Source", "revisionType": "S3_OBJECT_KEY",
            "revisionValue": "releases/baton-sandbox/1.0.0/baton-sandbox-1.0.0.zip"},
           {"actionName": "Source", "revisionType": "S3_OBJECT_VERSION_ID",
            "revisionValue": "Lw7bq2Yd0mC3x9Rk.VtS4hPz6Jn1uEaQ"}]}""").match(starts.get(0).getBodyAsString())
        .isExactMatch(), starts.get(0)::getBodyAsString);
    JsonObject second = Json.parseObject(starts.get(1).getBodyAsString());
    assertEquals("releases/baton-sandbox/1.0.1/baton-sandbox-1.0.1-fail.zip",
        second.objects("variables").get(2).string("value"));
  }

  @Test
  void givenTheRun_thenTheHistoryHoldsBothExecutionsWithTheirUploadTheApprovalAndTheFailedBuild() {
    DynamoHistoryReader reader = new DynamoHistoryReader(stack.dynamo(), table);

    ExecutionDetail released = reader.detail(SandboxRun.PIPELINE, SandboxRun.RELEASED).orElseThrow();
    ExecutionRecord ok = released.execution().orElseThrow();
    assertEquals(ExecutionState.SUCCEEDED, ok.status().orElseThrow());
    assertEquals(Duration.parse("PT4M17.482S"), ok.duration().orElseThrow());
    assertEquals("releases/baton-sandbox/1.0.0/baton-sandbox-1.0.0.zip", released.release().orElseThrow().key());
    assertEquals(List.of("Source/Source", "Build/Build", "Approve/SandboxGate", "Deploy/Deploy"),
        released.actions().stream().map(a -> a.stage() + "/" + a.action()).toList());
    ActionRecord gate = released.actions().get(2);
    assertEquals(ExecutionState.SUCCEEDED, gate.status());
    assertEquals("Approved in Slack by alice (U0ALICE) in #releases",
        gate.result().externalExecutionSummary().orElseThrow());

    ExecutionDetail failed = reader.detail(SandboxRun.PIPELINE, SandboxRun.FAILED).orElseThrow();
    ExecutionRecord ko = failed.execution().orElseThrow();
    assertEquals(ExecutionState.FAILED, ko.status().orElseThrow());
    ActionFailure build = ko.failure().orElseThrow();
    assertEquals(List.of("Build", "Build", "CodeBuild"), List.of(build.stage(), build.action(), build.provider()));
    assertEquals("JobFailed", build.errorCode().orElseThrow());
    assertTrue(build.summary().orElseThrow().contains("*fail*)"), build::toString);
    assertEquals("https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/baton-sandbox-build:"
        + "8e2b6d0f-4a9c-4f13-b7e5-2d6a0c4f8b93/view/new", build.url().orElseThrow());
    assertEquals("releases/baton-sandbox/1.0.1/baton-sandbox-1.0.1-fail.zip", failed.release().orElseThrow().key());
  }

  @Test
  void givenTheRun_thenDoraCountsOneDeploymentFromItsUploadAndOneFailure() {
    DynamoHistoryReader reader = new DynamoHistoryReader(stack.dynamo(), table);
    List<ExecutionRecord> executions = reader.startedBetween(SandboxRun.PIPELINE, Instant.now().minus(
        Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));

    DoraReport report = Dora.compute(executions, reader.releasedAt(SandboxRun.PIPELINE,
        executions.stream().map(ExecutionRecord::executionId).toList()), Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(1)));

    DoraReport.Metrics m = report.overall();
    assertEquals(1, m.deployments());
    assertEquals(1, m.failures());
    assertEquals(0.5, m.changeFailureRate().orElseThrow());
    assertEquals(1, m.leadTime().orElseThrow().fromUpload());
    assertFalse(m.leadTime().orElseThrow().median().isNegative(), "the upload is released before the deployment ends");
  }

  @Test
  void givenTheApprovalNotification_thenTheRequestIsPostedToReleasesAndAlicesClickApprovesItOnce() {
    List<LoggedRequest> posts = slack("chat.postMessage").stream()
        .filter(r -> Json.parseObject(r.getBodyAsString()).string("channel").equals("#releases")).toList();
    List<LoggedRequest> answers = requests(CP + "PutApprovalResult");

    assertEquals(1, posts.size());
    JsonObject message = Json.parseObject(posts.get(0).getBodyAsString());
    assertEquals("Approval needed: baton-sandbox-deploy / Approve / SandboxGate", message.string("text"));
    JsonObject posted = Json.parseObject(message.objects("blocks").stream().filter(b -> b.string("type")
        .equals("actions")).findFirst().orElseThrow().objects("elements").get(0).string("value"));
    JsonObject clicked = Json.parseObject(Json.parseObject(SandboxRun.event("slack-block-actions-approve.json"))
        .objects("actions").get(0).string("value"));
    for (String field : List.of("approvalId", "pipeline", "stage", "action")) {
      assertEquals(clicked.string(field), posted.string(field), "the buttons carry the claim the click sample sends");
    }
    assertEquals("apv-760bc597f01c53010ff2574b6d7e41c8", posted.string("approvalId"));
    assertFalse(posts.get(0).getBodyAsString().contains(SandboxAnswers.APPROVAL_TOKEN), "never the token");
    assertEquals(1, answers.size());
    assertTrue(equalToJson("""
        {"pipelineName": "baton-sandbox-deploy", "stageName": "Approve", "actionName": "SandboxGate",
         "result": {"summary": "Approved in Slack by alice (U0ALICE) in #releases", "status": "Approved"},
         "token": "%s"}""".formatted(SandboxAnswers.APPROVAL_TOKEN)).match(answers.get(0).getBodyAsString())
        .isExactMatch(), answers.get(0)::getBodyAsString);
  }

  @Test
  void givenTheBuildThatFailsOnPurpose_thenExactlyOneAlertReachesSnsAndSlackAndTheSuccessAlertsNothing() {
    List<LoggedRequest> publishes = RUN.stream().flatMap(c -> c.requests().stream())
        .filter(r -> r.getBodyAsString().startsWith("Action=Publish")).toList();
    List<LoggedRequest> alerts = slack("chat.postMessage").stream()
        .filter(r -> Json.parseObject(r.getBodyAsString()).string("channel").equals("#deployments")).toList();

    assertEquals(1, publishes.size());
    Map<String, String> sns = AlertStubs.form(publishes.get(0));
    assertEquals("[FAILED] baton-sandbox-deploy: Build/Build failed", sns.get("Subject"));
    assertEquals("arn:aws:sns:eu-west-1:123456789012:baton-local-AlertTopic", sns.get("TopicArn"));
    assertTrue(sns.get("Message").contains("https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/"
        + "baton-sandbox-build:8e2b6d0f-4a9c-4f13-b7e5-2d6a0c4f8b93/view/new"), sns.get("Message"));
    assertTrue(sns.get("Message").contains("baton-sandbox-1.0.1-fail.zip"), sns.get("Message"));
    assertEquals(1, alerts.size());
    assertTrue(Json.parseObject(alerts.get(0).getBodyAsString()).string("text")
        .startsWith(":red_circle: baton-sandbox-deploy failed: action Build in stage Build"));
    assertEquals(List.of("action-build-failed.json"), RUN.stream().filter(c -> c.requests().stream()
        .anyMatch(r -> r.getBodyAsString().startsWith("Action=Publish"))).map(c -> c.step().event()).toList());
  }

  private static List<LoggedRequest> requests(String target) {
    return RUN.stream().flatMap(c -> c.requests().stream())
        .filter(r -> Objects.equals(target, r.getHeader("X-Amz-Target"))).toList();
  }

  private static List<LoggedRequest> slack(String method) {
    return RUN.stream().flatMap(c -> c.requests().stream())
        .filter(r -> r.getUrl().equals("/slack/api/" + method)).toList();
  }

  private static JsonObject body(Invocation i) {
    return Json.parseObject(i.bodyText());
  }
}
