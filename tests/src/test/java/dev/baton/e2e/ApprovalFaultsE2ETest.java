package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.slack.SlackSignature;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The approval callback fails closed (issue 9): when who started the execution cannot be known, when Slack cannot say
 * who is in a user group, for a timestamp built to overflow the replay window, for a redelivered hand-off and for a
 * click that comes after the approval expired. Each test drives the packaged zips and shows what was called, what
 * was stored and what the person was told.
 */
class ApprovalFaultsE2ETest extends ApprovalStackTest {
  private static final String APPROVE = "slack-block-actions-approve.json";
  private static final String REJECT = "slack-block-actions-reject.json";

  // ------------------------------------------------------------------ 1. four eyes

  static Stream<Arguments> codePipelineFaults() {
    return Stream.of(
        Arguments.of("HTTP 500", aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"InternalServiceError\",\"message\":\"Internal service error\"}")),
        Arguments.of("ThrottlingException", awsError(400, "ThrottlingException", "Rate exceeded")));
  }

  @ParameterizedTest(name = "GetPipelineExecution answers {0}")
  @MethodSource("codePipelineFaults")
  void givenTheStarterCannotBeKnown_thenTheStarterIsRefusedPrivatelyUntilCodePipelineAnswers(String fault,
      ResponseDefinitionBuilder answer) {
    stub(cp("GetPipelineExecution").willReturn(answer));
    posted();
    assertFalse(approval().containsKey("startedBy"), "stored without its starter");

    Invocation whileDown = callback().invoke(click(APPROVE, "U0BOB"));

    assertEquals(200, status(whileDown), whileDown::toString);
    assertEquals(0, cpCalls("PutApprovalResult"), "nothing goes to CodePipeline");
    assertUndecided(approval());
    assertTrue(cpCalls("GetPipelineExecution") >= 1, "the starter is looked up at click time");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0BOB")))
        .withRequestBody(matchingJsonPath("$.text", containing("could not find out who started this execution")))
        .withRequestBody(matchingJsonPath("$.text", containing("Try again in a minute"))));
    assertEquals(0, slack("chat.update").size());
    assertTrue(callback().log().contains("\"level\":\"WARN\",\"message\":\"approval refused for now: who started "
        + "the execution is not known\""), callback().log());

    stack.wiremock().removeStub(cp("GetPipelineExecution"));
    stubPipelineExecution(BOB);
    stack.wiremock().resetRequests();
    callback().invoke(click(APPROVE, "U0BOB"));

    assertEquals(0, cpCalls("PutApprovalResult"));
    assertUndecided(approval());
    assertEquals(BOB, approval().get("startedBy").s(), "stored once found");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("you started this execution"))));

    stack.wiremock().resetRequests();
    Invocation alice = callback().invoke(click(APPROVE, "U0ALICE"));

    assertEquals(200, status(alice));
    assertEquals("APPROVED", approval().get("status").s());
    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(0, cpCalls("GetPipelineExecution"), "known now: not looked up again");
  }

  @Test
  void givenTheStarterUnknownAtTheRequest_thenTheApprovalActionsStartedEventFillsItIn() {
    stub(cp("GetPipelineExecution").willReturn(awsError(400, "ThrottlingException", "Rate exceeded")));
    posted();
    stack.wiremock().removeStub(cp("GetPipelineExecution"));
    stubPipelineExecution(BOB);

    Invocation started = requests().invoke(sample("codepipeline-action-approval-started.json"));

    assertFalse(started.failed(), started::toString);
    assertEquals(BOB, approval().get("startedBy").s());
    assertEquals(EXECUTION, approval().get("executionId").s());
    stack.wiremock().resetRequests();

    callback().invoke(click(APPROVE, "U0BOB"));

    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(0, cpCalls("GetPipelineExecution"), "nothing left to look up at click time");
    assertUndecided(approval());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("you started this execution"))));
  }

  // ------------------------------------------------------------------ 2. user groups

  static Stream<Arguments> slackGroupFaults() {
    return Stream.of(
        Arguments.of("missing_scope", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"usergroups:read\","
                + "\"provided\":\"chat:write,commands\"}")),
        Arguments.of("HTTP 503", aResponse().withStatus(503).withBody("upstream connect error")),
        Arguments.of("a timeout", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":true,\"users\":[\"U0CAROL\"]}").withFixedDelay(2500)));
  }

  @ParameterizedTest(name = "usergroups.users.list: {0}")
  @MethodSource("slackGroupFaults")
  void givenTheUserGroupCannotBeRead_thenTheClickIsAnsweredPrivatelyAndNothingIsDecided(String fault,
      ResponseDefinitionBuilder answer) {
    posted();
    stack.wiremock().removeStub(slackCall("usergroups.users.list"));
    stub(slackCall("usergroups.users.list").willReturn(answer));
    Map<String, AttributeValue> before = approval();

    Invocation click = callback().invoke(click(APPROVE, "U0CAROL"));

    assertEquals(200, status(click), click::toString);
    assertEquals(before, approval(), "nothing decided, nothing stored");
    assertEquals(0, cpCalls("PutApprovalResult"));
    assertEquals(0, slack("chat.update").size());
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0CAROL")))
        .withRequestBody(matchingJsonPath("$.text", containing("Baton cannot check your permission now"))));
    String log = callback().log();
    assertTrue(log.contains("\"level\":\"ERROR\"") && log.contains("usergroups:read"), log);
  }

  // ------------------------------------------------------------------ 3. timestamps

  @Test
  void givenSignedRequestsWithTimestampsBuiltToOverflowOrOutOfShape_thenEachIs401WithNoEffect() {
    posted();
    LocalLambda fn = callback();
    Invocation warm = fn.invoke(click(APPROVE, "U0MALLORY"));
    assertEquals(200, status(warm));
    stack.wiremock().resetRequests();
    List<Map<String, AttributeValue>> before = everything();
    byte[] body = SlackInteractions.form(Events.load(APPROVE));
    long now = Instant.now().getEpochSecond();

    Map<String, String> timestamps = new LinkedHashMap<>();
    timestamps.put("now - 2^63", Long.toString(now + Long.MIN_VALUE));
    timestamps.put("Long.MIN_VALUE", Long.toString(Long.MIN_VALUE));
    timestamps.put("Long.MAX_VALUE", Long.toString(Long.MAX_VALUE));
    timestamps.put("now + 2^64", BigInteger.valueOf(now).add(BigInteger.TWO.pow(64)).toString());
    timestamps.put("negative now", "-" + now);
    timestamps.put("a plus sign", "+" + now);
    timestamps.put("leading and trailing spaces", " " + now + " ");
    timestamps.put("leading zeros", "000" + now);
    timestamps.put("a fraction", now + ".0");
    timestamps.put("40 digits", "9".repeat(40));
    Map<String, Integer> answers = new LinkedHashMap<>();
    timestamps.forEach((name, ts) -> answers.put(name, status(fn.invoke(SlackInteractions.envelope(body, true,
        Map.of("content-type", "application/x-www-form-urlencoded", "x-slack-request-timestamp", ts,
            "x-slack-signature", "v0=" + SlackSignature.sign(SlackInteractions.SIGNING_SECRET, ts, body)))))));

    Map<String, Integer> expected = new LinkedHashMap<>();
    timestamps.keySet().forEach(k -> expected.put(k, 401));
    assertEquals(expected, answers);
    assertEquals(0, stack.wiremock().getAllServeEvents().size(), () -> "calls: " + stack.wiremock()
        .getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
    assertEquals(before, everything());
  }

  // ------------------------------------------------------------------ 4. redelivered hand-offs

  @Test
  void givenAHandOffDeliveredThreeTimes_thenOnePutApprovalResultAndOneMessageUpdate() {
    posted();
    stub(post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(202)));
    LocalLambda hurried = stack.function(CALLBACK_FN, Map.of("BATON_TABLE", table, "BATON_CALLBACK_BUDGET_MS", "0"));
    assertEquals(200, status(hurried.invoke(click(APPROVE, "U0ALICE")))); // recorded, all of it handed off
    List<LoggedRequest> invokes = stack.wiremock().findAll(postRequestedFor(urlPathMatching(
        "/2015-03-31/functions/.*/invocations")));
    assertEquals(1, invokes.size());
    String handOff = invokes.get(0).getBodyAsString();

    for (int delivery = 1; delivery <= 3; delivery++) {
      Invocation finish = hurried.invoke(handOff);
      assertFalse(finish.failed(), "delivery " + delivery + ": " + finish);
    }

    assertEquals("APPROVED", approval().get("status").s());
    assertEquals(1, cpCalls("PutApprovalResult"));
    assertEquals(1, slack("chat.update").size(), "the message is updated once, however often the hand-off comes");
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text",
            containing(":white_check_mark: *Approved* by <@U0ALICE>"))));
  }

  // ------------------------------------------------------------------ 6. expired approvals

  @Test
  void givenAClickAfterTheApprovalExpired_thenItIsAnsweredLocallyMarkedExpiredAndTheMessageSaysSo() {
    Instant expired = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    String shiftedExpires = Instant.parse("2026-11-27T13:12:00Z").plus(SHIFT).toString().substring(0, 16) + "Z";
    String notification = sample("sns-approval-notification.json");
    assertTrue(notification.contains(shiftedExpires), notification);
    posted(notification.replace(shiftedExpires, expired.toString().substring(0, 16) + "Z"));

    Invocation click = callback().invoke(click(APPROVE, "U0ALICE"));

    assertEquals(200, status(click), click::toString);
    assertEquals(0, cpCalls("PutApprovalResult"), "CodePipeline is not asked");
    Map<String, AttributeValue> item = approval();
    assertEquals("EXPIRED", item.get("status").s());
    assertFalse(item.containsKey("decision") || item.containsKey("decidedBy"), "no attempt recorded: " + item);
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.update"))
        .withRequestBody(matchingJsonPath("$.blocks[4].text.text", containing(":hourglass: *Expired*"))));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.user", equalTo("U0ALICE")))
        .withRequestBody(matchingJsonPath("$.text", containing("This approval expired at "
            + expired.toString().substring(0, 16).replace('T', ' ') + " UTC"))));
    stack.wiremock().resetRequests();

    Invocation reject = callback().invoke(click(REJECT, "U0CAROL"));

    assertEquals(200, status(reject));
    assertEquals(0, slack("views.open").size(), "no reason form for an expired approval");
    assertEquals(0, slack("chat.update").size());
    assertEquals(0, cpCalls("PutApprovalResult"));
    stack.wiremock().verify(1, postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
        .withRequestBody(matchingJsonPath("$.text", containing("This approval has expired"))));
  }

  private static void assertUndecided(Map<String, AttributeValue> item) {
    assertEquals("PENDING", item.get("status").s());
    assertFalse(item.containsKey("decision") || item.containsKey("decidedBy"), "nothing decided: " + item);
  }
}
