package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The approval callback as a SnapStart version ({@code LocalLambda.snapStart}) whose first request after the restore
 * is a click on Start of a {@code /baton release} confirmation (events/slack-block-actions-release-start.json), the
 * proposal made by an on-demand callback after release-trigger as packaged started payments-deploy from the sample
 * upload: priming sends nothing (WireMock, here also passing DynamoDB on to dynalite, sees no request), changes no
 * item, logs one line naming the confirmation's path among those it primed, and the click then starts the release
 * exactly as on an unprimed environment: the same answer, the same calls in the same order, the same items.
 */
class PrimingConfirmationE2ETest extends CommandStackTest {
  private static final String RESPOND = "/slack/respond/release";

  @Test
  void givenASnapStartCallback_thenAReleaseConfirmationAfterTheRestoreIsAnUnprimedOnesTwin() {
    stub(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..*")).atPriority(10)
        .willReturn(aResponse().proxiedFrom(stack.dynamoEndpoint().toString())));
    stub(post(urlEqualTo(RESPOND)).willReturn(aResponse().withStatus(200).withBody("ok")));

    Run unprimed = run(false);
    Run primed = run(true);

    assertEquals(List.of(), primed.beforeClick, "priming sent no request to any stand-in (DynamoDB included)");
    assertEquals(primed.itemsBeforeSnapshot, primed.itemsBeforeClick, "priming changed no item");
    List<JsonObject> lines = PrimingE2ETest.batonLines(primed.logBeforeClick);
    assertEquals(1, lines.size(), () -> "one line, saying it primed: " + primed.logBeforeClick);
    assertEquals("primed", lines.get(0).string("message"));
    assertEquals(0L, lines.get(0).optLong("callsSent").orElseThrow());
    assertTrue(lines.get(0).asMap().get("paths") instanceof List<?> paths
        && paths.contains("release confirmation: Start"), lines.get(0)::toString);

    assertEquals(200, Json.parseObject(primed.answer.bodyText()).optLong("statusCode").orElseThrow(),
        primed.answer::toString);
    assertTrue(primed.calls.contains(CP + "StartPipelineExecution"), primed.calls::toString);
    assertEquals(unprimed.answer.bodyText(), primed.answer.bodyText());
    assertEquals(unprimed.calls, primed.calls, "the same calls, in the same order");
    assertEquals(unprimed.keys, primed.keys, "the same items");
  }

  private record Run(List<String> beforeClick, List<Map<String, AttributeValue>> itemsBeforeSnapshot,
                     List<Map<String, AttributeValue>> itemsBeforeClick, String logBeforeClick, Invocation answer,
                     List<String> calls, TreeSet<String> keys) {}

  private Run run(boolean snapStart) {
    String t = "confirmation" + (snapStart ? "-primed-" : "-unprimed-") + System.nanoTime();
    stack.createTable("Table", t);
    stub(cp("StartPipelineExecution").willReturn(awsJson(
        "{\"pipelineExecutionId\":\"4f8a1c2e-0000-4000-8000-000000000001\"}")));
    try (LocalLambda releases = stack.function("ReleaseTriggerFunction", Map.of("BATON_TABLE", t))) {
      Invocation upload = releases.invoke(Events.load("s3-object-created.json"));
      assertTrue(upload.bodyText().contains("\"outcome\":\"STARTED\""), upload::toString);
    }
    String value;
    try (LocalLambda proposer = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", t))) {
      Invocation proposal = proposer.invoke(SlackInteractions.signed(command("release payments-deploy", "U0ALICE")));
      value = buttonValue(Json.parseObject(Json.parseObject(proposal.bodyText()).string("body")).asMap());
    }
    stub(cp("StartPipelineExecution").willReturn(awsJson(
        "{\"pipelineExecutionId\":\"9b2d4f6a-1c3e-4a5b-8d7f-0e2c4a6b8d01\"}")));
    List<Map<String, AttributeValue>> before = items(t);
    stack.wiremock().resetRequests();
    try (LocalLambda fn = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", t,
        "AWS_ENDPOINT_URL_DYNAMODB", stack.wiremockUrl()), b -> b.snapStart(snapStart))) {
      List<String> calls = List.of();
      List<Map<String, AttributeValue>> itemsBefore = before;
      String log = "";
      if (snapStart) {
        fn.awaitSnapshot(Duration.ofSeconds(90));
        calls = PrimingE2ETest.calls();
        itemsBefore = items(t);
        log = fn.log();
      }
      Invocation answer = fn.invoke(SlackInteractions.signed(releaseClick(value, "U0ALICE", true,
          stack.wiremock().baseUrl() + RESPOND)));
      assertFalse(answer.failed(), () -> answer + "\n" + fn.log());
      TreeSet<String> keys = new TreeSet<>();
      for (Map<String, AttributeValue> item : items(t)) {
        keys.add(item.get("pk").s() + " / " + item.get("sk").s());
      }
      return new Run(calls, before, itemsBefore, log, answer, PrimingE2ETest.calls(), keys);
    }
  }

  private static List<Map<String, AttributeValue>> items(String table) {
    return stack.dynamo().scan(b -> b.tableName(table).consistentRead(true)).items();
  }
}
