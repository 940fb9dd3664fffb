package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events whose fields have the wrong JSON type (a number where a string belongs), through the packaged zips: each is a
 * malformed event naming the field, like a missing one. The invocation fails, Lambda retries it and parks it in the
 * function's dead-letter queue with that reason, and nothing is written to DynamoDB or sent to any API. Before the
 * JSON layer was strict, these raised an alert for pipeline "42", recorded execution "4711", started a pipeline
 * pinned to object version "7" and stored an approval of stage "2".
 */
class WrongTypedFieldsE2ETest extends StackTest {
  private String table;

  @BeforeEach
  void freshTable() {
    table = freshTable("wrong-types");
    AlertStubs.install(stack.wiremock(), AlertStubs.botTokenSecret());
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
            equalTo("CodePipeline_20150709.StartPipelineExecution"))
        .willReturn(AlertStubs.awsJson("{\"pipelineExecutionId\":\"4f8a1c2e-0000-4000-8000-000000000007\"}")));
  }

  @Test
  void givenACodePipelineEventWhosePipelineIsANumber_thenNoAlertAndNoHistory() {
    String event = Events.load("codepipeline-event-wrong-type.json");

    assertRefusedAndParked("AlertsFunction", "AlertDeadLetterQueue", Map.of("BATON_SLACK_SECRET",
        AlertStubs.SECRET_NAME), event, "$.detail.pipeline: expected a string, found a number");
    assertRefusedAndParked("PipelineHistoryFunction", "HistoryDeadLetterQueue", Map.of(), event,
        "$.detail.pipeline: expected a string, found a number");

    assertNothingWrittenOrSent();
  }

  @Test
  void givenAPipelineEventWhoseExecutionIdIsANumber_thenNothingIsRecorded() {
    assertRefusedAndParked("PipelineHistoryFunction", "HistoryDeadLetterQueue", Map.of(),
        Events.load("codepipeline-event-numeric-execution-id.json"),
        "$.detail.execution-id: expected a string, found a number");

    assertNothingWrittenOrSent();
  }

  @Test
  void givenAnS3EventWhoseVersionIdIsANumber_thenNoPipelineStartAndNoRelease() {
    assertRefusedAndParked("ReleaseTriggerFunction", "ReleaseDeadLetterQueue", Map.of(),
        Events.load("s3-object-created-wrong-type.json"),
        "$.detail.object.version-id: expected a string, found a number");

    assertNothingWrittenOrSent();
  }

  @Test
  void givenAnApprovalNotificationWhoseStageIsANumber_thenNothingIsStoredOrPosted() {
    stubApprovalSecret();

    assertRefusedAndParked("ApprovalRequestFunction", "ApprovalDeadLetterQueue", Map.of(),
        Events.load("sns-approval-wrong-type.json"),
        "$.Records[0].Sns.Message $.approval.stageName: expected a string, found a number");

    assertNothingWrittenOrSent();
  }

  @Test
  void givenAHandOffWhoseApprovalIdIsANumber_thenItFailsNamingTheFieldAndDoesNothing() {
    stubApprovalSecret();

    assertRefusedAndParked("ApprovalCallbackFunction", "ApprovalDeadLetterQueue", Map.of(),
        "{\"batonFinish\":{\"approvalId\":7}}", "$.batonFinish.approvalId: expected a string, found a number");

    assertNothingWrittenOrSent();
  }

  @Test
  void givenASignedSlackClickWhoseUserIdIsANumber_thenItIsRefusedWith400AndNothingChanges() {
    stubApprovalSecret();
    LocalLambda callback = stack.function("ApprovalCallbackFunction", Map.of("BATON_TABLE", table));

    Invocation click = callback.invoke(SlackInteractions.signed(
        SlackInteractions.form(Events.load("slack-block-actions-wrong-type.json"))));

    assertEquals(400L, Json.parseObject(click.bodyText()).optLong("statusCode").orElse(-1L), click::toString);
    assertTrue(callback.log().contains("$.user.id: expected a string, found a number"), callback::log);
    assertNothingWrittenOrSent();
  }

  /** Every attempt Lambda makes fails with the malformed-event error naming the field; the event is parked. */
  private void assertRefusedAndParked(String function, String deadLetterQueue, Map<String, String> env, String event,
                                      String reason) {
    Map<String, String> all = new java.util.LinkedHashMap<>(env);
    all.put("BATON_TABLE", table);
    LocalLambda fn = stack.function(function, all);
    int parkedBefore = stack.deadLetters(deadLetterQueue).size();

    List<Invocation> attempts = stack.invokeAsync(function, fn, event);

    assertEquals(3, attempts.size(), () -> "the first attempt and Lambda's two retries, all failed: " + attempts);
    for (Invocation attempt : attempts) {
      assertTrue(attempt.failed(), attempt::toString);
      assertTrue(attempt.bodyText().contains("\"errorType\":\"dev.baton.core.json.MalformedJsonException\""),
          attempt::bodyText);
      assertTrue(attempt.bodyText().contains(reason), attempt::bodyText);
    }
    List<String> parked = stack.deadLetters(deadLetterQueue);
    assertEquals(parkedBefore + 1, parked.size(), "parked once, not lost");
    assertTrue(parked.getLast().contains(reason), parked::getLast);
  }

  /** No item in the table, and no call to any API but the secret read some functions make when they start. */
  private void assertNothingWrittenOrSent() {
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count(), "nothing written");
    List<String> calls = stack.wiremock().getAllServeEvents().stream().map(ServeEvent::getRequest)
        .filter(r -> !r.header("X-Amz-Target").isPresent()
            || !r.getHeader("X-Amz-Target").startsWith("secretsmanager."))
        .map(r -> r.getUrl() + " " + (r.header("X-Amz-Target").isPresent() ? r.getHeader("X-Amz-Target")
            : r.getBodyAsString()))
        .toList();
    assertEquals(List.of(), calls, "nothing sent to SNS, Slack or CodePipeline");
  }

  private static void stubApprovalSecret() {
    stack.wiremock().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(Json.write(Map.of("Name", "baton/slack", "SecretString", Json.write(Map.of(
                "signingSecret", SlackInteractions.SIGNING_SECRET, "botToken", SlackInteractions.BOT_TOKEN)))))));
  }
}
