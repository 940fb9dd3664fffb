package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each packaged function run as a SnapStart version ({@code LocalLambda.snapStart}): the priming that runs before
 * the snapshot makes no call at all (WireMock, which stands in for every AWS API and Slack and here also passes
 * DynamoDB's calls on to dynalite, sees nothing, and the table stays empty), logs one "primed" line and nothing that
 * looks like work (the line names the paths priming took: the one this event takes among them), and leaves nothing
 * behind that changes the first real invocation: it answers exactly as an unprimed on-demand environment does, with
 * the same calls, and writes the same items. One row per event shape: an upload, a succeeded execution a promotion
 * takes, the release sweep's schedule, a failed action, the freeze announcements' schedule, an approval request.
 */
class PrimingE2ETest extends ApprovalStackTest {
  private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(90);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "ReleaseTriggerFunction | s3-object-created.json | upload (EventBridge Object Created) | 4 | "
          + "\"outcome\":\"STARTED\"",
      "ReleaseTriggerFunction | codepipeline-pipeline-succeeded-staging.json | "
          + "promotion (revision from GetPipelineExecution) | 4 | \"to\":\"payments-prod\"",
      "ReleaseTriggerFunction | scheduled-freeze-sweep.json | held-release sweep (schedule) | 4 | \"released\":[]",
      "PipelineHistoryFunction | codepipeline-action-failed-codebuild.json | action failed | 3 | \"advanced\":true",
      "AlertsFunction | codepipeline-action-failed-codebuild.json | failed action | 4 | FAILED",
      "AlertsFunction | scheduled-freeze-announcements.json | freeze announcements (schedule) | 4 | "
          + "\"announcements\":[]",
      "ApprovalRequestFunction | sns-approval-notification.json | approval notification (SNS) | 4 | "
          + "\"outcome\":\"POSTED\""})
  void givenASnapStartVersion_thenPrimingCallsNothingAndTheFirstInvocationIsAnUnprimedOnesTwin(String function,
      String eventFile, String primedPath, int minimumAnswered, String answerHas) {
    stub(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..*")).atPriority(10)
        .willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
    stub(cp("StartPipelineExecution").willReturn(awsJson(
        "{\"pipelineExecutionId\":\"4f8a1c2e-0000-4000-8000-000000000001\"}")));
    // What CodePipeline recorded of the staging execution Baton did not start (the promotion pins its revision).
    stub(cp("GetPipelineExecution").withRequestBody(matchingJsonPath("$.pipelineName", equalTo("payments-staging")))
        .willReturn(awsJson("""
        {"pipelineExecution": {"pipelineName": "payments-staging", "pipelineExecutionId":
          "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415", "status": "Succeeded", "artifactRevisions": [{"name":
          "SourceArtifact", "revisionId": "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd", "revisionSummary": "payments-1.4.2.zip",
          "created": 1.7636299E9}], "variables": []}}""")));
    AlertStubs.install(stack.wiremock(), "{\"botToken\": \"" + SlackInteractions.BOT_TOKEN + "\"}");
    String event = function.startsWith("Approval") ? sample(eventFile) : Events.load(eventFile);

    Run unprimed = run(function, event, false);
    stack.wiremock().resetRequests();
    Run primed = run(function, event, true);

    assertEquals(List.of(), primed.beforeFirstEvent, "priming sent no request to any stand-in (DynamoDB included)");
    assertEquals(List.of(), primed.itemsBeforeFirstEvent, "priming wrote nothing");
    List<JsonObject> lines = batonLines(primed.logBeforeFirstEvent);
    assertEquals(1, lines.size(), () -> "one line, saying it primed: " + primed.logBeforeFirstEvent);
    assertEquals("primed", lines.get(0).string("message"));
    assertTrue(lines.get(0).asMap().get("paths") instanceof List<?> paths && paths.contains(primedPath),
        () -> "the path this event takes was primed: " + lines.get(0));
    assertTrue(lines.get(0).asMap().get("builtAhead") instanceof List<?> built && built.contains("dynamodb"),
        () -> "the function's own DynamoDB client was built before the snapshot, with no call: " + lines.get(0));
    assertEquals(0L, lines.get(0).optLong("callsSent").orElseThrow());
    assertTrue(lines.get(0).optLong("callsAnsweredInProcess").orElseThrow() >= minimumAnswered, lines.get(0)::toString);

    assertFalse(primed.answer.failed(), primed.answer::toString);
    assertTrue(primed.answer.bodyText().contains(answerHas), primed.answer::toString);
    assertEquals(unprimed.answer.bodyText(), primed.answer.bodyText());
    assertEquals(unprimed.calls, primed.calls, "the same calls, in the same order");
    assertEquals(unprimed.keys, primed.keys, "the same items");
  }

  private record Run(List<String> beforeFirstEvent, List<Map<String, AttributeValue>> itemsBeforeFirstEvent,
                     String logBeforeFirstEvent, Invocation answer, List<String> calls, TreeSet<String> keys) {}

  private Run run(String function, String event, boolean snapStart) {
    String table = freshTableKeepingStubs(function, snapStart);
    Map<String, String> env = new LinkedHashMap<>(Map.of("BATON_TABLE", table,
        "AWS_ENDPOINT_URL_DYNAMODB", stack.wiremockUrl()));
    if (function.equals("AlertsFunction")) {
      env.put("BATON_SLACK_SECRET", AlertStubs.SECRET_NAME);
    }
    try (LocalLambda fn = stack.function(function, env, b -> b.snapStart(snapStart))) {
      List<String> before = List.of();
      List<Map<String, AttributeValue>> itemsBefore = List.of();
      String logBefore = "";
      if (snapStart) {
        fn.awaitSnapshot(SNAPSHOT_TIMEOUT);
        before = calls();
        itemsBefore = items(table);
        logBefore = fn.log();
      }
      Invocation answer = fn.invoke(event);
      assertFalse(answer.failed(), () -> answer + "\n" + fn.log());
      TreeSet<String> keys = new TreeSet<>();
      for (Map<String, AttributeValue> item : items(table)) {
        keys.add(item.get("pk").s() + " / " + item.get("sk").s());
      }
      return new Run(before, itemsBefore, logBefore, answer, calls(), keys);
    }
  }

  private String freshTableKeepingStubs(String function, boolean snapStart) {
    String name = function.toLowerCase().replace("function", "") + (snapStart ? "-primed" : "-unprimed") + "-"
        + System.nanoTime();
    stack.createTable("Table", name);
    return name;
  }

  private List<Map<String, AttributeValue>> items(String table) {
    return stack.dynamo().scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  /** Every request WireMock saw, oldest first, by operation or path. */
  static List<String> calls() {
    List<ServeEvent> events = new ArrayList<>(stack.wiremock().getAllServeEvents());
    java.util.Collections.reverse(events);
    List<String> out = new ArrayList<>();
    for (ServeEvent e : events) {
      String target = e.getRequest().getHeader("X-Amz-Target");
      out.add(target != null ? target : e.getRequest().getMethod() + " " + e.getRequest().getUrl()
          + (e.getRequest().getBodyAsString().contains("Action=Publish") ? " Publish" : ""));
    }
    return out;
  }

  /** The JSON lines Baton's own code wrote (the runtime client's lines are not JSON). */
  static List<JsonObject> batonLines(String log) {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.startsWith("{") && line.contains("\"level\"")) {
        lines.add(Json.parseObject(line));
      }
    }
    return lines;
  }
}
