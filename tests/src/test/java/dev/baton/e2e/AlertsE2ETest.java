package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.baton.e2e.AlertStubs.PARENT_TS;
import static dev.baton.e2e.AlertStubs.PAYMENTS_CHANNEL;
import static dev.baton.e2e.AlertStubs.SLACK_TOKEN;
import static dev.baton.e2e.AlertStubs.awsCalls;
import static dev.baton.e2e.AlertStubs.awsJson;
import static dev.baton.e2e.AlertStubs.form;
import static dev.baton.e2e.AlertStubs.publishes;
import static dev.baton.e2e.AlertStubs.slack;
import static dev.baton.e2e.AlertStubs.slackCalls;
import static dev.baton.e2e.AlertStubs.slackJson;
import static dev.baton.e2e.AlertStubs.snsError;
import static dev.baton.e2e.AlertStubs.snsOk;
import static dev.baton.e2e.AlertStubs.snsPublish;
import static dev.baton.e2e.AlertStubs.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alerts function as packaged (functions/alerts/target/alerts.zip), run under the Lambda runtime interface
 * client with template.yaml's handler and environment and the routing in config/alert-routing.json, against dynalite
 * and WireMock standing in for SNS, Slack, CodePipeline and Secrets Manager. Each test gets its own table.
 */
class AlertsE2ETest extends StackTest {
  /** The routing files a test writes, deleted after it (they used to pile up in /tmp). */
  @TempDir
  Path tmp;

  private static final String FUNCTION = "AlertsFunction";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:baton-local-AlertTopic";
  private static final String GET_EXECUTION = "CodePipeline_20150709.GetPipelineExecution";
  private static final String LIST_ACTIONS = "CodePipeline_20150709.ListActionExecutions";
  private static final String PAYMENTS_EXEC = CodePipelineAnswers.PAYMENTS_EXECUTION;
  private static final String CONSOLE = "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/";

  private String table;
  private LocalLambda fn;

  @BeforeEach
  void freshTableAndFunction() {
    table = freshTable("alerts");
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    fn = function(Map.of());
  }

  private LocalLambda function(Map<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>(Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET",
        AlertStubs.SECRET_NAME));
    all.putAll(env);
    return stack.function(FUNCTION, all);
  }

  // ------------------------------------------------------------------ the three stories, exact requests

  @Test
  void givenAFailedBuildAction_thenOneSnsPublishAndOneSlackMessage_exactly_andTheDeliveryLogSaysSo() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));

    Invocation result = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_EXECUTION))
        .withRequestBody(equalToJson("{\"pipelineName\": \"payments-deploy\", \"pipelineExecutionId\": \""
            + PAYMENTS_EXEC + "\"}")));
    assertEquals(0, awsCalls(stack.wiremock(), LIST_ACTIONS).size(), "the event carried the error");
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(1, published.size());
    assertEquals(snsRequest("[FAILED] payments-deploy: Build/Build failed", """
        payments-deploy failed: action Build in stage Build (CodeBuild).

        Error:       JobFailed: Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, \
        Message: Error while executing command: ./gradlew check. Reason: exit status 1
        CodeBuild logs: https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/payments-build:\
        5c0b2f7e-3d41-4a8e-9b16-8e2f4c7a1d93/view/new
        Execution:   8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806 (attempt 1), pipeline state still running
        Console:     %s
        Source:      commit 9fceb02: "Retry card authorisation on gateway timeouts"
        Trigger:     WebhookV2 (%s)
        Started:     2026-11-20T10:02:10.377Z, 7m 40s before this alert
        Account:     123456789012, region eu-west-1

        -- Baton: one alert per failed execution and attempt; severity critical.""".formatted(
        console("payments-deploy", PAYMENTS_EXEC), CodePipelineAnswers.CONNECTION), "payments-deploy", "FAILED",
        "critical"), form(published.get(0)));

    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
        .withRequestBody(equalToJson("""
            {"channel": "#payments-releases",
             "text": ":red_circle: payments-deploy failed: action Build in stage Build (CodeBuild)",
             "blocks": [
               {"type": "section", "text": {"type": "mrkdwn", "text": ":red_circle: *<%1$s|payments-deploy>* failed: action *Build* in stage *Build* (CodeBuild)"}},
               {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*Execution*\\n<%1$s|8d2e6b41> · attempt 1"},
                 {"type": "mrkdwn", "text": "*State*\\nstill running"},
                 {"type": "mrkdwn", "text": "*Source*\\ncommit 9fceb02: \\"Retry card authorisation on gateway timeouts\\""},
                 {"type": "mrkdwn", "text": "*Trigger*\\nWebhookV2 (%2$s)"},
                 {"type": "mrkdwn", "text": "*Duration*\\n7m 40s"}]},
               {"type": "section", "text": {"type": "mrkdwn", "text": "```JobFailed: Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: ./gradlew check. Reason: exit status 1```"}},
               {"type": "actions", "elements": [
                 {"type": "button", "text": {"type": "plain_text", "text": "Open execution"}, "url": "%1$s", "action_id": "baton_open_execution"},
                 {"type": "button", "text": {"type": "plain_text", "text": "CodeBuild logs"}, "url": "https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/payments-build:5c0b2f7e-3d41-4a8e-9b16-8e2f4c7a1d93/view/new", "action_id": "baton_external_0"}]},
               {"type": "context", "elements": [{"type": "mrkdwn", "text": "Baton · severity critical · account 123456789012 · eu-west-1"}]}],
             "unfurl_links": false}""".formatted(console("payments-deploy", PAYMENTS_EXEC),
            CodePipelineAnswers.CONNECTION))));
    assertEquals(1, awsCalls(stack.wiremock(), "secretsmanager.GetSecretValue").size());
    stack.wiremock().verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("secretsmanager.GetSecretValue")).withRequestBody(equalToJson("{\"SecretId\": \"baton/alerts-slack\"}")));

    Map<String, AttributeValue> alert = item("PIPELINE#payments-deploy", "ALERT#" + PAYMENTS_EXEC + "#1#MAIN");
    assertEquals("FAILED", alert.get("kind").s());
    assertEquals("critical", alert.get("severity").s());
    Map<String, AttributeValue> sns = item("PIPELINE#payments-deploy", "ALERT#" + PAYMENTS_EXEC + "#1#MAIN#TO#sns:"
        + TOPIC);
    assertEquals("SENT", sns.get("status").s());
    assertEquals("a8b9c0d1-e2f3-5a4b-9c8d-7e6f5a4b3c2d", sns.get("receiptId").s());
    Map<String, AttributeValue> slack = item("PIPELINE#payments-deploy", "ALERT#" + PAYMENTS_EXEC
        + "#1#MAIN#TO#slack:#payments-releases");
    assertEquals("SENT", slack.get("status").s());
    assertEquals(PARENT_TS, slack.get("receiptId").s());
    assertEquals(PAYMENTS_CHANNEL, slack.get("receiptChannel").s());
    Map<String, AttributeValue> thread = item("PIPELINE#payments-deploy", "ALERT#" + PAYMENTS_EXEC
        + "#THREAD##payments-releases");
    assertEquals(PARENT_TS, thread.get("ts").s());
    assertEquals("1:", thread.get("rendered").s());
  }

  @Test
  void givenAFailedDeployOfABatonRelease_thenTheAlertNamesTheUploadedObjectAndTheDeployment_exactly() {
    stack.dynamo().putItem(b -> b.tableName(table).item(Map.of(
        "pk", s("PIPELINE#ledger-deploy"), "sk", s("EXEC#c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60#RELEASE"),
        "type", s("release-link"), "executionId", s("c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60"),
        "pipeline", s("ledger-deploy"), "rule", s("service-releases"), "bucket", s("acme-releases"),
        "key", s("releases/ledger/2.0.0/ledger-2.0.0.zip"),
        "versionId", s("3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY.MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"))));
    stubExecution(CodePipelineAnswers.ledgerExecution());

    Invocation result = fn.invoke(Events.load("alerts-action-failed-codedeploy.json"));

    assertFalse(result.failed(), result::toString);
    String exec = "c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60";
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(1, published.size());
    assertEquals(snsRequest("[FAILED] ledger-deploy: Deploy/DeployEU failed", """
        ledger-deploy failed: action DeployEU in stage Deploy (CodeDeploy).

        Error:       JobFailed: Deployment d-4TQ2X8N1B failed. 2 of 4 instances failed: ApplicationStop script \
        exited with code 1 on i-0a1b2c3d4e5f60718
        CodeDeploy deployment: https://console.aws.amazon.com/codedeploy/home?region=eu-west-1#/deployments/d-4TQ2X8N1B
        Execution:   c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60 (attempt 1), pipeline state still running
        Console:     %s
        Source:      s3://acme-releases/releases/ledger/2.0.0/ledger-2.0.0.zip (version \
        3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY.MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo), release rule service-releases
        Trigger:     StartPipelineExecution (%s)
        Started:     2026-11-20T14:31:40.118Z, 20m 37s before this alert
        Account:     123456789012, region eu-west-1

        -- Baton: one alert per failed execution and attempt; severity critical.""".formatted(
        console("ledger-deploy", exec), CodePipelineAnswers.RELEASE_ROLE), "ledger-deploy", "FAILED", "critical"),
        form(published.get(0)));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(equalToJson("""
            {"channel": "#payments-releases",
             "text": ":red_circle: ledger-deploy failed: action DeployEU in stage Deploy (CodeDeploy)",
             "blocks": [
               {"type": "section", "text": {"type": "mrkdwn", "text": ":red_circle: *<%1$s|ledger-deploy>* failed: action *DeployEU* in stage *Deploy* (CodeDeploy)"}},
               {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*Execution*\\n<%1$s|c41f9a27> · attempt 1"},
                 {"type": "mrkdwn", "text": "*State*\\nstill running"},
                 {"type": "mrkdwn", "text": "*Source*\\ns3://acme-releases/releases/ledger/2.0.0/ledger-2.0.0.zip (version 3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY.MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo), release rule service-releases"},
                 {"type": "mrkdwn", "text": "*Trigger*\\nStartPipelineExecution (%2$s)"},
                 {"type": "mrkdwn", "text": "*Duration*\\n20m 37s"}]},
               {"type": "section", "text": {"type": "mrkdwn", "text": "```JobFailed: Deployment d-4TQ2X8N1B failed. 2 of 4 instances failed: ApplicationStop script exited with code 1 on i-0a1b2c3d4e5f60718```"}},
               {"type": "actions", "elements": [
                 {"type": "button", "text": {"type": "plain_text", "text": "Open execution"}, "url": "%1$s", "action_id": "baton_open_execution"},
                 {"type": "button", "text": {"type": "plain_text", "text": "CodeDeploy deployment"}, "url": "https://console.aws.amazon.com/codedeploy/home?region=eu-west-1#/deployments/d-4TQ2X8N1B", "action_id": "baton_external_0"}]},
               {"type": "context", "elements": [{"type": "mrkdwn", "text": "Baton · severity critical · account 123456789012 · eu-west-1"}]}],
             "unfurl_links": false}""".formatted(console("ledger-deploy", exec), CodePipelineAnswers.RELEASE_ROLE))));
  }

  @Test
  void givenAFailureThenASuccess_thenARecoveryNotice_exactly_andTheLastOutcomeIsRecorded() {
    stubExecution(CodePipelineAnswers.paymentsExecution("Failed"));
    stubActions(CodePipelineAnswers.actionExecutions(
        CodePipelineAnswers.succeededAction(PAYMENTS_EXEC, "Source", "Source"),
        CodePipelineAnswers.failedAction(PAYMENTS_EXEC, "Build", "Build", "CodeBuild", "Build",
            "Build terminated with state: FAILED")));
    Invocation failed = fn.invoke(Events.load("codepipeline-pipeline-failed.json"));
    assertFalse(failed.failed(), failed::toString);
    stack.wiremock().resetRequests();

    Invocation recovered = fn.invoke(Events.load("alerts-pipeline-succeeded-after-failure.json"));

    assertFalse(recovered.failed(), recovered::toString);
    String exec = "2c9e7d15-4b8a-4f3e-9d61-0a5b8c7e4f29";
    assertEquals(0, awsCalls(stack.wiremock(), GET_EXECUTION).size(), "the event told trigger and commit");
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(1, published.size());
    assertEquals(snsRequest("[RECOVERED] payments-deploy: green again", """
        payments-deploy succeeded again after execution 8d2e6b41 failed.

        Execution:   2c9e7d15-4b8a-4f3e-9d61-0a5b8c7e4f29 (attempt 1), pipeline state SUCCEEDED
        Console:     %s
        Source:      commit 4e1b7c9 in acme/payments on main by Mary Major: "Fix the gateway timeout retry: do not \
        retry captured payments"
        Trigger:     WebhookV2 (%s)
        Started:     2026-11-20T10:30:02.845Z, 11m 34s before this alert
        Account:     123456789012, region eu-west-1

        -- Baton: one alert per failed execution and attempt; severity info.""".formatted(console("payments-deploy",
        exec), CodePipelineAnswers.CONNECTION), "payments-deploy", "RECOVERED", "info"), form(published.get(0)));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
        .withRequestBody(equalToJson("""
            {"channel": "#payments-releases",
             "text": ":white_check_mark: payments-deploy succeeded again after execution 8d2e6b41 failed",
             "blocks": [
               {"type": "section", "text": {"type": "mrkdwn", "text": ":white_check_mark: *<%1$s|payments-deploy>* succeeded again after execution 8d2e6b41 failed"}},
               {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*Execution*\\n<%1$s|2c9e7d15> · attempt 1"},
                 {"type": "mrkdwn", "text": "*State*\\n*SUCCEEDED*"},
                 {"type": "mrkdwn", "text": "*Source*\\ncommit 4e1b7c9 in acme/payments on main by Mary Major: \\"Fix the gateway timeout retry: do not retry captured payments\\""},
                 {"type": "mrkdwn", "text": "*Trigger*\\nWebhookV2 (%2$s)"},
                 {"type": "mrkdwn", "text": "*Duration*\\n11m 34s"}]},
               {"type": "actions", "elements": [
                 {"type": "button", "text": {"type": "plain_text", "text": "Open execution"}, "url": "%1$s", "action_id": "baton_open_execution"}]},
               {"type": "context", "elements": [{"type": "mrkdwn", "text": "Baton · severity info · account 123456789012 · eu-west-1"}]}],
             "unfurl_links": false}""".formatted(console("payments-deploy", exec), CodePipelineAnswers.CONNECTION))));
    Map<String, AttributeValue> last = item("PIPELINE#payments-deploy", "ALERTS#LAST");
    assertEquals(exec, last.get("executionId").s());
    assertEquals("SUCCEEDED", last.get("state").s());
    assertEquals("FAILED", last.get("previousState").s());
    assertEquals(PAYMENTS_EXEC, last.get("previousExecutionId").s());
  }

  // ------------------------------------------------------------------ once, however events arrive

  @Test
  void givenTheSameEventDeliveredFourTimes_twoOfThemAtOnce_thenOneAlert() throws Exception {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    LocalLambda other = function(Map.of());
    String event = Events.load("codepipeline-action-failed-codebuild.json");
    String noise = Events.load("codepipeline-pipeline-resumed.json").replace("payments-deploy", "sandbox-warmup");
    fn.invoke(noise);   // warm both, so the two deliveries race for real
    other.invoke(noise);

    CompletableFuture<Invocation> a = CompletableFuture.supplyAsync(() -> fn.invoke(event));
    CompletableFuture<Invocation> b = CompletableFuture.supplyAsync(() -> other.invoke(event));
    List<Invocation> results = new ArrayList<>(List.of(a.get(), b.get()));
    results.add(fn.invoke(event));
    results.add(other.invoke(event));

    results.forEach(r -> assertFalse(r.failed(), r::toString));
    assertEquals(1, publishes(stack.wiremock()).size(), results::toString);
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size(), results::toString);
    assertTrue(results.get(3).bodyText().contains("\"result\":\"ALREADY_SENT\""), results.get(3)::bodyText);
  }

  @Test
  void givenThePipelineFailedEventFirst_thenTheStageAndActionEventsAfterItAddNothing() {
    stubExecution(CodePipelineAnswers.paymentsExecution("Failed"));
    stubActions(CodePipelineAnswers.actionExecutions(
        CodePipelineAnswers.failedAction(PAYMENTS_EXEC, "Build", "Build", "CodeBuild", "Build",
            "Build terminated with state: FAILED")));

    List<Invocation> results = List.of(
        fn.invoke(Events.load("codepipeline-pipeline-failed.json")),
        fn.invoke(Events.load("codepipeline-stage-failed.json")),
        fn.invoke(Events.load("codepipeline-action-failed-codebuild.json")),
        fn.invoke(Events.load("codepipeline-pipeline-failed.json")));

    results.forEach(r -> assertFalse(r.failed(), r::toString));
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(1, published.size());
    assertEquals("[FAILED] payments-deploy: Build/Build failed", form(published.get(0)).get("Subject"));
    assertTrue(form(published.get(0)).get("Message").contains("pipeline state FAILED"));
    assertTrue(form(published.get(0)).get("Message").contains("commit 9fceb02 in acme/payments on main by Mary Major"));
    List<LoggedRequest> posts = slackCalls(stack.wiremock(), "chat.postMessage");
    assertEquals(1, posts.size());
    assertTrue(posts.get(0).getBodyAsString().contains("*State*\\n*FAILED*"), posts.get(0)::getBodyAsString);
    assertEquals(0, slackCalls(stack.wiremock(), "chat.update").size(), "the parent was posted in its final state");
    assertEquals(1, awsCalls(stack.wiremock(), LIST_ACTIONS).size());
  }

  @Test
  void givenTenActionsFailingInOneExecution_acrossTwoInstances_thenOneAlertNineRepliesAndOneParentUpdate()
      throws Exception {
    String exec = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress")
        .replace("payments-deploy", "search-deploy").replace(PAYMENTS_EXEC, exec));
    LocalLambda other = function(Map.of());
    String sample = Events.load("alerts-action-failed-parallel.json");
    List<CompletableFuture<Invocation>> running = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String shard = String.format("%02d", i);
      String event = sample.replace("Shard01", "Shard" + shard).replace("SHARD=01", "SHARD=" + shard)
          .replace("search-shard-01", "search-shard-" + shard).replace("8b01\"", "8b" + shard + "\"");
      LocalLambda instance = i % 2 == 0 ? other : fn;
      running.add(CompletableFuture.supplyAsync(() -> instance.invoke(event)));
    }
    for (CompletableFuture<Invocation> r : running) {
      assertFalse(r.get().failed(), r.get()::toString);
    }
    String stageFailed = Events.load("codepipeline-stage-failed.json").replace("payments-deploy", "search-deploy")
        .replace(PAYMENTS_EXEC, exec).replace("\"Build\"", "\"Test\"");
    String pipelineFailed = Events.load("codepipeline-pipeline-failed.json").replace("payments-deploy", "search-deploy")
        .replace(PAYMENTS_EXEC, exec);
    assertFalse(fn.invoke(stageFailed).failed());
    Invocation last = other.invoke(pipelineFailed);
    assertFalse(last.failed(), last::toString);

    assertEquals(1, publishes(stack.wiremock()).size());
    List<LoggedRequest> posts = slackCalls(stack.wiremock(), "chat.postMessage");
    List<LoggedRequest> parents = posts.stream().filter(p -> !p.getBodyAsString().contains("thread_ts")).toList();
    List<LoggedRequest> replies = posts.stream().filter(p -> p.getBodyAsString().contains("thread_ts")).toList();
    assertEquals(1, parents.size(), () -> posts.stream().map(LoggedRequest::getBodyAsString).toList().toString());
    assertEquals(9, replies.size());
    replies.forEach(r -> {
      assertTrue(r.getBodyAsString().contains("\"thread_ts\":\"" + PARENT_TS + "\""), r.getBodyAsString());
      assertTrue(r.getBodyAsString().contains("\"channel\":\"" + PAYMENTS_CHANNEL + "\""), r.getBodyAsString());
      assertTrue(r.getBodyAsString().contains("Also failed: Test/Shard"), r.getBodyAsString());
    });
    assertEquals(10, posts.stream().map(p -> p.getBodyAsString().replaceAll("(?s).*(Shard\\d\\d).*", "$1"))
        .distinct().count(), "each failed action is told once");
    List<LoggedRequest> updates = slackCalls(stack.wiremock(), "chat.update");
    assertEquals(1, updates.size());
    assertTrue(updates.get(0).getBodyAsString().contains("\"ts\":\"" + PARENT_TS + "\""));
    assertTrue(updates.get(0).getBodyAsString().contains("*State*\\n*FAILED*"), updates.get(0)::getBodyAsString);
    assertTrue(awsCalls(stack.wiremock(), GET_EXECUTION).size() <= 2, "look-ups for the alert only");
  }

  // ------------------------------------------------------------------ Slack and SNS fail independently

  @Test
  void givenSlackRateLimitsOnce_thenTheSameMessageIsSentAgainAfterRetryAfter_andDelivered() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(slack("chat.postMessage").inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("ok").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
    stack.wiremock().stubFor(slack("chat.postMessage").inScenario("rate").whenScenarioStateIs("ok")
        .willReturn(slackJson("{\"ok\":true,\"channel\":\"" + PAYMENTS_CHANNEL + "\",\"ts\":\"" + PARENT_TS + "\"}")));

    Invocation result = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    List<LoggedRequest> posts = slackCalls(stack.wiremock(), "chat.postMessage");
    assertEquals(2, posts.size());
    assertEquals(posts.get(0).getBodyAsString(), posts.get(1).getBodyAsString());
    assertTrue(posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime() >= 1000,
        "Retry-After: 1 was honoured");
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "slack:#payments-releases").get("status").s());
    assertTrue(fn.log().contains("\"error\":\"ratelimited\""), fn.log());
  }

  @Test
  void givenSlackDown_thenSnsIsStillDelivered_theEventFailsNamingWhatIsMissing_andItsRetrySendsOnlySlack() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(slack("chat.postMessage").willReturn(aResponse().withStatus(503)
        .withBody("upstream connect error")));

    Invocation down = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertTrue(down.failed(), down::toString);
    assertTrue(down.bodyText().contains("AlertDeliveryException"), down::bodyText);
    assertTrue(down.bodyText().contains("Not delivered: [slack:#payments-releases MAIN: Slack chat.postMessage "
        + "failed: http_503 (HTTP 503) (retryable)]"), down::bodyText);
    assertTrue(down.bodyText().contains("Delivered: [sns:" + TOPIC + " MAIN, baton-events MAIN]"), down::bodyText);
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(4, slackCalls(stack.wiremock(), "chat.postMessage").size(), "4 attempts with backoff");
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "sns:" + TOPIC).get("status").s());
    assertEquals("FAILED", delivery(PAYMENTS_EXEC, "slack:#payments-releases").get("status").s());

    stack.wiremock().resetAll();
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    Invocation retried = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(retried.failed(), retried::toString);
    assertEquals(0, publishes(stack.wiremock()).size(), "SNS is not sent twice");
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size());
    assertEquals(0, awsCalls(stack.wiremock(), GET_EXECUTION).size(), "the stored alert is re-sent as it was");
    Map<String, AttributeValue> slack = delivery(PAYMENTS_EXEC, "slack:#payments-releases");
    assertEquals("SENT", slack.get("status").s());
    assertEquals("2", slack.get("attempts").n());
  }

  @Test
  void givenSnsDown_thenSlackIsStillDelivered_andTheRetrySendsOnlySns() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(snsPublish().willReturn(snsError(500, "Receiver", "InternalError",
        "Request could not be completed")));

    Invocation down = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertTrue(down.failed(), down::toString);
    assertTrue(down.bodyText().contains("Delivered: [slack:#payments-releases MAIN, baton-events MAIN]"), down::bodyText);
    assertEquals(4, publishes(stack.wiremock()).size(), "the SDK's 4 attempts");
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size());

    stack.wiremock().stubFor(snsPublish().willReturn(snsOk("0f1e2d3c-4b5a-5968-8776-a5b4c3d2e1f0")));
    stack.wiremock().resetRequests();
    Invocation retried = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(retried.failed(), retried::toString);
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(0, slackCalls(stack.wiremock(), "chat.postMessage").size(), "Slack is not sent twice");
    assertEquals("0f1e2d3c-4b5a-5968-8776-a5b4c3d2e1f0", delivery(PAYMENTS_EXEC, "sns:" + TOPIC)
        .get("receiptId").s());
  }

  @Test
  void givenSlackAnswersNotInChannel_thenItIsReportedWithTheFix_notRetried_andSnsStillGoes() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(slack("chat.postMessage").willReturn(slackJson(
        "{\"ok\":false,\"error\":\"not_in_channel\"}")));

    Invocation result = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));
    Invocation again = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("\"result\":\"REJECTED\""), result::bodyText);
    assertTrue(again.bodyText().contains("\"result\":\"REJECTED_BEFORE\""), again::bodyText);
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size(), "refusals are not retried");
    assertEquals(1, publishes(stack.wiremock()).size());
    Map<String, AttributeValue> slack = delivery(PAYMENTS_EXEC, "slack:#payments-releases");
    assertEquals("REJECTED", slack.get("status").s());
    assertEquals("not_in_channel: Slack chat.postMessage failed: not_in_channel (invite the Baton app to "
        + "#payments-releases: /invite @<app name>)", slack.get("lastError").s());
    assertTrue(fn.log().lines().anyMatch(l -> l.contains("\"level\":\"ERROR\"") && l.contains("not_in_channel")
        && l.contains("fix the cause")), fn.log());
  }

  @Test
  void givenSecretsInPlay_throughRetriesRefusalsAndAWebhookOutage_thenNoSecretEverReachesTheLogs() throws IOException {
    String hookPath = "/services/T0SECRETW/B0SECRETW/wEbHoOkSeCrEtPaTh42";
    String hookUrl = stack.wiremockUrl() + hookPath;
    stack.wiremock().resetAll();
    AlertStubs.install(stack.wiremock(), "{\"botToken\": \"" + SLACK_TOKEN + "\", \"webhookUrl\": \"" + hookUrl
        + "\"}");
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(post(urlEqualTo(hookPath)).willReturn(aResponse().withStatus(500)
        .withBody("internal_error")));
    stack.wiremock().stubFor(slack("chat.postMessage").willReturn(slackJson(
        "{\"ok\":false,\"error\":\"invalid_auth\"}")));
    Path routing = Files.createTempFile(tmp, "alert-routing", ".json");
    Files.writeString(routing, """
        {"defaults": {"sns": ["default"], "slack": {"channels": ["#deployments"], "webhook": true}}, "routes": []}""");
    LocalLambda withWebhook = function(Map.of("BATON_ALERT_ROUTING", routing.toString()));

    Invocation first = withWebhook.invoke(Events.load("codepipeline-action-failed-codebuild.json"));
    Invocation retry = withWebhook.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertTrue(first.failed(), first::toString);
    assertTrue(first.bodyText().contains("slack-webhook MAIN: Slack response_url failed"), first::bodyText);
    assertTrue(retry.failed(), retry::toString);
    assertTrue(stack.wiremock().findAll(postRequestedFor(urlEqualTo(hookPath))).size() >= 2);
    assertEquals(2, awsCalls(stack.wiremock(), "secretsmanager.GetSecretValue").size(),
        "invalid_auth makes the next call read the secret again");
    String everything = withWebhook.log() + first.bodyText() + retry.bodyText()
        + stack.dynamo().scan(b -> b.tableName(table)).items();
    for (String secret : List.of(SLACK_TOKEN, "SeCrEt-T0kEn", hookPath, "wEbHoOkSeCrEtPaTh42", "T0SECRETW")) {
      assertFalse(everything.contains(secret), "the logs, answers or table hold " + secret + ":\n" + everything);
    }
  }

  // ------------------------------------------------------------------ Microsoft Teams (Workflows webhooks)

  private static final String TEAMS_SECRET = "baton/teams/payments";
  private static final String TEAMS_HOOK = "/teams/workflows/4b1f2c3d5e6f/triggers/manual/paths/invoke";
  private static final String TEAMS_SIG = "sig=TeAmSsIgNaTuRe0123456789";

  /** The routing with one Teams webhook next to SNS and Slack, and the secret holding its URL. */
  private LocalLambda teamsFunction() throws IOException {
    stack.wiremock().stubFor(target("secretsmanager.GetSecretValue")
        .withRequestBody(equalToJson("{\"SecretId\": \"" + TEAMS_SECRET + "\"}"))
        .willReturn(awsJson("""
            {"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/teams/payments-Qw3rTy",
             "Name": "baton/teams/payments", "VersionId": "c8d2e3f4-0000-4000-8000-000000000002",
             "SecretString": "{\\"webhookUrl\\": \\"%s\\"}", "VersionStages": ["AWSCURRENT"],
             "CreatedDate": 1763600000.0}""".formatted(stack.wiremockUrl() + TEAMS_HOOK + "?api-version=1&"
            + TEAMS_SIG))));
    Path routing = Files.createTempFile(tmp, "alert-routing", ".json");
    Files.writeString(routing, """
        {"defaults": {"sns": ["default"], "slack": {"channels": ["#payments-releases"]},
                      "teams": {"webhooks": ["%s"]}}, "routes": []}""".formatted(TEAMS_SECRET));
    return function(Map.of("BATON_ALERT_ROUTING", routing.toString(), "BATON_TEAMS_ALERTS", "Enabled"));
  }

  private static List<LoggedRequest> teamsPosts() {
    return stack.wiremock().findAll(postRequestedFor(urlPathEqualTo(TEAMS_HOOK)));
  }

  @Test
  void givenATeamsRoute_whenTheWorkflowThrottlesOnce_thenOneCardAfterRetryAfter_exactly_andRecordedOnItsOwn()
      throws IOException {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(post(urlPathEqualTo(TEAMS_HOOK)).inScenario("teams").whenScenarioStateIs(
        Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader(
        "Content-Type", "application/json").withBody("{\"error\":{\"code\":\"WorkflowTriggerIsThrottled\","
        + "\"message\":\"Rate limit is exceeded.\"}}")).willSetStateTo("accepting"));
    stack.wiremock().stubFor(post(urlPathEqualTo(TEAMS_HOOK)).inScenario("teams").whenScenarioStateIs("accepting")
        .willReturn(aResponse().withStatus(202)));
    LocalLambda withTeams = teamsFunction();

    Invocation result = withTeams.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    List<LoggedRequest> posts = teamsPosts();
    assertEquals(2, posts.size(), "429, then the same card again");
    assertTrue(posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime() >= 950,
        "Retry-After: 1 waited");
    assertEquals(posts.get(0).getBodyAsString(), posts.get(1).getBodyAsString());
    String console = console("payments-deploy", PAYMENTS_EXEC);
    stack.wiremock().verify(2, postRequestedFor(urlEqualTo(TEAMS_HOOK + "?api-version=1&" + TEAMS_SIG))
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase(
            "application/json; charset=utf-8"))
        .withoutHeader("Authorization")
        .withRequestBody(equalToJson("""
            {"type": "message",
             "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
               "content": {
                 "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                 "type": "AdaptiveCard", "version": "1.4", "msteams": {"width": "Full"},
                 "body": [
                   {"type": "TextBlock", "text": "\uD83D\uDD34 payments-deploy failed: action Build in stage Build (CodeBuild)",
                    "wrap": true, "weight": "Bolder", "size": "Medium", "color": "Attention"},
                   {"type": "FactSet", "facts": [
                     {"title": "Execution", "value": "8d2e6b41 · attempt 1"},
                     {"title": "State", "value": "still running"},
                     {"title": "Source", "value": "commit 9fceb02: \\"Retry card authorisation on gateway timeouts\\""},
                     {"title": "Trigger", "value": "WebhookV2 (%2$s)"},
                     {"title": "Duration", "value": "7m 40s"}]},
                   {"type": "TextBlock", "text": "JobFailed: Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: ./gradlew check. Reason: exit status 1",
                    "wrap": true, "fontType": "Monospace"},
                   {"type": "TextBlock", "text": "Baton · severity critical · account 123456789012 · eu-west-1",
                    "wrap": true, "isSubtle": true, "size": "Small"}],
                 "actions": [
                   {"type": "Action.OpenUrl", "title": "Open execution", "url": "%1$s"},
                   {"type": "Action.OpenUrl", "title": "CodeBuild logs",
                    "url": "https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/payments-build:5c0b2f7e-3d41-4a8e-9b16-8e2f4c7a1d93/view/new"}]}}]}"""
            .formatted(console, CodePipelineAnswers.CONNECTION))));
    assertEquals(1, publishes(stack.wiremock()).size());
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size());
    Map<String, AttributeValue> teams = delivery(PAYMENTS_EXEC, "teams:" + TEAMS_SECRET);
    assertEquals("SENT", teams.get("status").s());
    assertEquals("http_202", teams.get("receiptId").s());
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "sns:" + TOPIC).get("status").s());
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "slack:#payments-releases").get("status").s());
    assertFalse((withTeams.log() + result.bodyText()).contains("TeAmSsIgNaTuRe"), "the webhook URL is never logged");
  }

  @Test
  void givenATeamsOutage_thenSnsAndSlackGoOut_theEventFails_andItsRetrySendsOnlyTheCard_whileARefusalIsNotRetried()
      throws IOException {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    stack.wiremock().stubFor(post(urlPathEqualTo(TEAMS_HOOK)).willReturn(aResponse().withStatus(503)));
    LocalLambda withTeams = teamsFunction();

    Invocation first = withTeams.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertTrue(first.failed(), first::toString);
    assertTrue(first.bodyText().contains("Not delivered: [teams:" + TEAMS_SECRET + " MAIN"), first::bodyText);
    assertEquals(4, teamsPosts().size(), "retried within the invocation");
    assertEquals("FAILED", delivery(PAYMENTS_EXEC, "teams:" + TEAMS_SECRET).get("status").s());
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "sns:" + TOPIC).get("status").s());
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "slack:#payments-releases").get("status").s());

    stack.wiremock().stubFor(post(urlPathEqualTo(TEAMS_HOOK)).willReturn(aResponse().withStatus(202)));
    Invocation retry = withTeams.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(retry.failed(), retry::toString);
    assertEquals(5, teamsPosts().size());
    assertEquals(1, publishes(stack.wiremock()).size(), "SNS was not sent again");
    assertEquals(1, slackCalls(stack.wiremock(), "chat.postMessage").size(), "nor Slack");
    assertEquals("SENT", delivery(PAYMENTS_EXEC, "teams:" + TEAMS_SECRET).get("status").s());

    String other = "alerts-action-failed-codedeploy.json";
    stubExecution(CodePipelineAnswers.ledgerExecution());
    stack.wiremock().stubFor(post(urlPathEqualTo(TEAMS_HOOK)).willReturn(aResponse().withStatus(404)
        .withBody("{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow was not found.\"}}")));
    Invocation refused = withTeams.invoke(Events.load(other));
    Invocation again = withTeams.invoke(Events.load(other));

    assertFalse(refused.failed(), refused::toString);
    assertTrue(refused.bodyText().contains("\"result\":\"REJECTED\""), refused::bodyText);
    assertTrue(again.bodyText().contains("\"result\":\"REJECTED_BEFORE\""), again::bodyText);
    assertEquals(6, teamsPosts().size(), "a refusal is tried once");
    assertEquals("REJECTED", item("PIPELINE#ledger-deploy", "ALERT#c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60#1#MAIN#TO#teams:"
        + TEAMS_SECRET).get("status").s());
  }

  // ------------------------------------------------------------------ the other stories

  @Test
  void givenAFailedAttemptThenARetryThatSucceeds_thenTheRecoveryGoesInTheThreadAndTheParentShowsIt() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress"));
    assertFalse(fn.invoke(Events.load("codepipeline-action-failed-codebuild.json")).failed());
    assertFalse(fn.invoke(Events.load("codepipeline-pipeline-failed.json")).failed());
    assertFalse(fn.invoke(Events.load("codepipeline-pipeline-resumed.json")).failed());
    Invocation succeeded = fn.invoke(Events.load("alerts-pipeline-succeeded-retry.json"));

    assertFalse(succeeded.failed(), succeeded::toString);
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(List.of("[FAILED] payments-deploy: Build/Build failed",
            "[RECOVERED] payments-deploy: green again (attempt 2)"),
        published.stream().map(p -> form(p).get("Subject")).toList());
    assertTrue(form(published.get(1)).get("Message").startsWith(
        "payments-deploy succeeded again after attempt 1 failed."), form(published.get(1)).get("Message"));
    List<LoggedRequest> posts = slackCalls(stack.wiremock(), "chat.postMessage");
    assertEquals(2, posts.size());
    stack.wiremock().verify(postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")).withRequestBody(equalToJson(
        "{\"channel\": \"" + PAYMENTS_CHANNEL + "\", \"thread_ts\": \"" + PARENT_TS + "\", \"reply_broadcast\": true}",
        true, true)));
    List<LoggedRequest> updates = slackCalls(stack.wiremock(), "chat.update");
    assertEquals(2, updates.size());
    assertTrue(updates.get(0).getBodyAsString().contains("*State*\\n*FAILED*"), updates.get(0)::getBodyAsString);
    assertTrue(updates.get(1).getBodyAsString().contains("*State*\\n*SUCCEEDED* on attempt 2"),
        updates.get(1)::getBodyAsString);
    assertEquals("2:SUCCEEDED", item("PIPELINE#payments-deploy", "ALERT#" + PAYMENTS_EXEC
        + "#THREAD##payments-releases").get("rendered").s());
  }

  @Test
  void givenARejectedApproval_thenAWarningThatSaysRejectedOrTimedOut() {
    stubExecution(CodePipelineAnswers.paymentsExecution("InProgress").replace(PAYMENTS_EXEC,
        "5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073"));

    Invocation result = fn.invoke(Events.load("codepipeline-action-approval-failed.json"));

    assertFalse(result.failed(), result::toString);
    Map<String, String> sns = form(publishes(stack.wiremock()).get(0));
    assertEquals("[REJECTED] payments-deploy: approval Approve/ProductionGate rejected or timed out", sns.get("Subject"));
    assertEquals("REJECTED", sns.get("MessageAttributes.entry.2.Value.StringValue"));
    assertEquals("warning", sns.get("MessageAttributes.entry.3.Value.StringValue"));
    assertTrue(sns.get("Message").contains("Rejected by arn:aws:sts::123456789012:assumed-role/ReleaseManagers/jdoe: "
        + "error rate on the canary is 4%"), sns.get("Message"));
    assertTrue(slackCalls(stack.wiremock(), "chat.postMessage").get(0).getBodyAsString().contains(
        ":no_entry: payments-deploy: approval ProductionGate in stage Approve was rejected or timed out"));
  }

  @Test
  void givenAStoppedExecution_thenAWarningWithTheReasonCodePipelineRecorded() {
    stubExecution(CodePipelineAnswers.stoppedExecution());

    Invocation result = fn.invoke(Events.load("codepipeline-pipeline-stopped.json"));

    assertFalse(result.failed(), result::toString);
    Map<String, String> sns = form(publishes(stack.wiremock()).get(0));
    assertEquals("[STOPPED] payments-deploy: execution f08b3d62 stopped", sns.get("Subject"));
    assertEquals("warning", sns.get("MessageAttributes.entry.3.Value.StringValue"));
    assertTrue(sns.get("Message").contains("Summary:     Stopped by arn:aws:sts::123456789012:assumed-role/Operators/"
        + "jdoe: bad config pushed, rolling back"), sns.get("Message"));
    assertTrue(sns.get("Message").contains("Source:      commit 2b7e9d1: \"Raise the gateway pool size\""));
  }

  @Test
  void givenAnActionEventWithoutItsError_thenListActionExecutionsFillsItIn() {
    String exec = "9b1d3f5a-7c9e-4b2d-8f4a-6c8e0a2b4d6f";
    stubActions(CodePipelineAnswers.actionExecutions(
        CodePipelineAnswers.failedAction(exec, "Build", "UnitTests", "CodeBuild", "Test",
            "Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: "
                + "Error while executing command: npm test. Reason: exit status 1")));
    stack.wiremock().stubFor(target(GET_EXECUTION).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"__type\":\"InternalFailure\"}")));

    Invocation result = fn.invoke(Events.load("alerts-action-failed-no-result.json"));

    assertFalse(result.failed(), "a failed look-up never holds the alert back: " + result);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(LIST_ACTIONS))
        .withRequestBody(equalToJson("{\"pipelineName\": \"checkout-deploy\", \"filter\": {\"pipelineExecutionId\": \""
            + exec + "\"}, \"maxResults\": 100}")));
    Map<String, String> sns = form(publishes(stack.wiremock()).get(0));
    assertTrue(sns.get("Message").contains("Error:       JobFailed: Build terminated with state: FAILED. Phase: BUILD, "
        + "Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: npm test. Reason: exit status 1"),
        sns.get("Message"));
    assertFalse(sns.get("Message").contains("Trigger:"), "GetPipelineExecution failed: no trigger to tell");
    assertTrue(slackCalls(stack.wiremock(), "chat.postMessage").get(0).getBodyAsString()
        .contains("\"channel\":\"#deployments\""), "the default route");
    assertTrue(fn.log().contains("look-up failed; the alert goes without what it would have added"), fn.log());
  }

  @Test
  void givenRoutesThatDoNotAskForIt_thenSuccessesAndMutedPipelinesSendNothing_whileAskingRoutesGetIt() {
    String checkoutSuccess = Events.load("codepipeline-pipeline-succeeded.json")
        .replace("payments-deploy", "checkout-deploy");
    String sandboxFailure = Events.load("codepipeline-action-failed-codebuild.json")
        .replace("payments-deploy", "sandbox-payments");

    Invocation checkout = fn.invoke(checkoutSuccess);
    Invocation sandbox = fn.invoke(sandboxFailure);
    Invocation payments = fn.invoke(Events.load("codepipeline-pipeline-succeeded.json"));

    assertTrue(checkout.bodyText().contains("no alert: route \\\"defaults\\\" does not notify SUCCEEDED"),
        checkout::bodyText);
    assertTrue(sandbox.bodyText().contains("no alert: route \\\"sandboxes\\\" does not notify FAILED"),
        sandbox::bodyText);
    assertFalse(payments.failed(), payments::toString);
    List<LoggedRequest> published = publishes(stack.wiremock());
    assertEquals(1, published.size());
    assertEquals("[SUCCEEDED] payments-deploy: execution 4f8a1c2e succeeded", form(published.get(0)).get("Subject"));
    assertEquals("info", form(published.get(0)).get("MessageAttributes.entry.3.Value.StringValue"));
  }

  @Test
  void givenAMalformedEvent_thenTheInvocationFailsWithAClearErrorAndNothingIsSentOrWritten() {
    Invocation result = fn.invoke(Events.load("codepipeline-event-malformed.json"));

    assertTrue(result.failed(), result::toString);
    assertTrue(result.bodyText().contains("MalformedJsonException"), result::bodyText);
    assertTrue(result.bodyText().contains("$.detail.execution-id: missing"), result::bodyText);
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count());
    assertEquals(0, publishes(stack.wiremock()).size());
    assertEquals(0, slackCalls(stack.wiremock(), "chat.postMessage").size());
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, String> snsRequest(String subject, String message, String pipeline, String state,
                                                String severity) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Action", "Publish");
    m.put("Version", "2010-03-31");
    m.put("TopicArn", TOPIC);
    m.put("Message", message);
    m.put("Subject", subject);
    m.put("MessageAttributes.entry.1.Name", "pipeline");
    m.put("MessageAttributes.entry.1.Value.DataType", "String");
    m.put("MessageAttributes.entry.1.Value.StringValue", pipeline);
    m.put("MessageAttributes.entry.2.Name", "state");
    m.put("MessageAttributes.entry.2.Value.DataType", "String");
    m.put("MessageAttributes.entry.2.Value.StringValue", state);
    m.put("MessageAttributes.entry.3.Name", "severity");
    m.put("MessageAttributes.entry.3.Value.DataType", "String");
    m.put("MessageAttributes.entry.3.Value.StringValue", severity);
    return m;
  }

  private static String console(String pipeline, String exec) {
    return CONSOLE + pipeline + "/executions/" + exec + "/timeline?region=eu-west-1";
  }

  private static void stubExecution(String answer) {
    stack.wiremock().stubFor(target(GET_EXECUTION).willReturn(awsJson(answer)));
  }

  private static void stubActions(String answer) {
    stack.wiremock().stubFor(target(LIST_ACTIONS).willReturn(awsJson(answer)));
  }

  private Map<String, AttributeValue> delivery(String exec, String targetId) {
    return item("PIPELINE#payments-deploy", "ALERT#" + exec + "#1#MAIN#TO#" + targetId);
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", s(pk), "sk", s(sk)))).item();
    assertTrue(item != null && !item.isEmpty(), "no item " + pk + " / " + sk);
    return item;
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
