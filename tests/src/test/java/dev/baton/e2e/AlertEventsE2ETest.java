package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alerts function's events as packaged: a main alert is published once as {@code Baton Alert Raised}
 * (events/baton-alert-raised.json), logged like its SNS and Slack deliveries; later events of the same attempt add
 * nothing; with EventBridge down, SNS and Slack still go, the invocation fails, and its retry publishes only the
 * event, once.
 */
class AlertEventsE2ETest extends StackTest {
  private static final String FUNCTION = "AlertsFunction";
  private static final String GET_EXECUTION = "CodePipeline_20150709.GetPipelineExecution";
  private static final String EXEC = CodePipelineAnswers.PAYMENTS_EXECUTION;

  private String table;
  private LocalLambda fn;

  @BeforeEach
  void freshTableAndFunction() {
    table = freshTable("alert-events");
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_EXECUTION))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(CodePipelineAnswers.paymentsExecution("InProgress"))));
    fn = stack.function(FUNCTION, Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET", AlertStubs.SECRET_NAME));
  }

  @Test
  void givenAFailedAction_thenOneAlertRaisedEvent_andTheStageAndPipelineFailuresAfterItPublishNothingMore() {
    Invocation result = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));
    fn.invoke(Events.load("codepipeline-stage-failed.json"));
    fn.invoke(Events.load("codepipeline-pipeline-failed.json"));
    fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertFalse(result.failed(), result::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(1, entries.size(), entries::toString);
    PublishedEvents.assertIsSample("baton-alert-raised.json", entries.getFirst(), Set.of());
    assertEquals("SENT", delivery().get("status").s());
  }

  @Test
  void givenEventBridgeDown_thenSnsAndSlackStillGo_theInvocationFails_andTheRetryPublishesTheEventOnceAndNothingElse() {
    var outage = stack.eventBridge().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503)));

    Invocation down = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));
    int tried = PublishedEvents.calls(stack.eventBridge()).size();
    stack.eventBridge().removeStub(outage);
    stack.wiremock().resetRequests();
    Invocation retried = fn.invoke(Events.load("codepipeline-action-failed-codebuild.json"));

    assertTrue(down.failed(), down::toString);
    assertTrue(down.bodyText().contains("baton-events"), down::bodyText);
    assertFalse(retried.failed(), retried::toString);
    assertEquals(0, AlertStubs.publishes(stack.wiremock()).size(), "SNS is not sent twice");
    assertEquals(0, AlertStubs.slackCalls(stack.wiremock(), "chat.postMessage").size(), "nor Slack");
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(tried + 1, entries.size());
    entries.forEach(e -> assertEquals(entries.getFirst().asMap(), e.asMap(), "every try is the same event"));
    PublishedEvents.assertIsSample("baton-alert-raised.json", entries.getLast(), Set.of());
    assertEquals("SENT", delivery().get("status").s());
  }

  @Test
  void givenAFailureThenASuccess_thenAlertRaisedThenAlertRecovered() {
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_EXECUTION))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(CodePipelineAnswers.paymentsExecution("Failed"))));
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
            equalTo("CodePipeline_20150709.ListActionExecutions"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(CodePipelineAnswers.actionExecutions(
                CodePipelineAnswers.succeededAction(EXEC, "Source", "Source"),
                CodePipelineAnswers.failedAction(EXEC, "Build", "Build", "CodeBuild", "Build",
                    "Build terminated with state: FAILED")))));

    fn.invoke(Events.load("codepipeline-pipeline-failed.json"));
    Invocation recovered = fn.invoke(Events.load("alerts-pipeline-succeeded-after-failure.json"));

    assertFalse(recovered.failed(), recovered::toString);
    List<JsonObject> entries = PublishedEvents.entries(stack.eventBridge());
    assertEquals(List.of("Baton Alert Raised", "Baton Alert Recovered"),
        entries.stream().map(e -> e.string("DetailType")).toList());
    PublishedEvents.assertIsSample("baton-alert-recovered.json", entries.get(1), Set.of());
  }

  private Map<String, AttributeValue> delivery() {
    return stack.dynamo().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
        "pk", AttributeValue.fromS("PIPELINE#payments-deploy"),
        "sk", AttributeValue.fromS("ALERT#" + EXEC + "#1#MAIN#TO#baton-events")))).item();
  }
}
