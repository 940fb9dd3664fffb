package dev.baton.cli.replay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.baton.cli.replay.StandIns.invoke;
import static dev.baton.cli.replay.StandIns.replay;
import static dev.baton.cli.replay.StandIns.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.cli.replay.Confirmation.Answer;
import dev.baton.cli.CliRun;
import dev.baton.core.json.Json;
import dev.baton.local.LocalSqs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./baton replay --queue-url --function} against LocalSqs (WireMock playing SQS) and WireMock playing Lambda:
 * the exact requests that go out, and what stays in the queue after each kind of run.
 */
class ReplayCommandTest {
  private static final StandIns standIns = new StandIns();
  private static final AtomicInteger QUEUES = new AtomicInteger();
  private static final String ALERTS = "baton-AlertsFunction-Q3xT7pLm2KcV";
  private static final String HISTORY = "baton-PipelineHistoryFunction-Vd81LmQ2xP4s";
  private static final String ALERTS_INVOKE = "/2015-03-31/functions/" + ALERTS + "%3Alive/invocations";

  private String queue;

  @BeforeEach
  void freshQueue() {
    standIns.aws.resetAll();
    standIns.sqs.wiremock().resetRequests();
    queue = standIns.sqs.createQueue("baton-AlertDeadLetterQueue-" + QUEUES.incrementAndGet());
  }

  @AfterAll
  static void stop() {
    standIns.close();
  }

  private static ReplayCommand answering(Answer answer) {
    return new ReplayCommand(question -> answer, Clock.systemUTC());
  }

  private CliRun replayAlerts(String... options) {
    return replay(answering(Answer.YES), concat(List.of("--queue-url", queue, "--function", ALERTS), options));
  }

  private static String[] concat(List<String> first, String... rest) {
    return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(rest)).toArray(String[]::new);
  }

  @Test
  void givenALambdaOnFailureRecord_whenReplayed_thenItsRequestPayloadGoesToTheLiveAliasAndTheMessageIsDeletedOnce() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();

    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(0, r.exit(), r.all());
    List<String> lines = r.out().lines().toList();
    assertEquals("1 event parked in " + queue + " (held from other readers for 900 s while this runs):", lines.get(0));
    assertTrue(lines.get(2).startsWith("MESSAGE ID  "), r.out());
    assertTrue(lines.get(3).startsWith(id + "  2026-11-20 10:13:52  1         action FAILED payments-deploy 8d2e6b41 "
        + "Build/Build  RetriesExhausted after 3 attempts: AlertDeliveryException: alert for payments-deploy"),
        lines.get(3));
    assertTrue(r.out().contains(id + "  replayed to " + ALERTS + ":live (accepted), deleted from the queue"), r.out());
    assertTrue(r.out().contains("Replayed 1 of 1 event."), r.out());

    List<LoggedRequest> invocations = standIns.invocations();
    assertEquals(1, invocations.size());
    standIns.aws.verify(1, postRequestedFor(urlEqualTo(ALERTS_INVOKE))
        .withHeader("X-Amz-Invocation-Type", equalTo("Event"))
        .withRequestBody(equalToJson(sample("codepipeline-action-failed-codebuild.json"))));

    List<LoggedRequest> receives = standIns.sqs.requests("ReceiveMessage");
    Map<String, Object> receive = Json.parseObject(receives.getFirst().getBodyAsString()).asMap();
    assertEquals(queue, receive.get("QueueUrl"));
    assertEquals(900, ((Number) receive.get("VisibilityTimeout")).intValue());
    assertEquals(List.of("All"), receive.get("MessageSystemAttributeNames"));
    assertEquals(List.of("All"), receive.get("MessageAttributeNames"));
    List<LoggedRequest> deletes = standIns.sqs.requests("DeleteMessage");
    assertEquals(1, deletes.size());
    assertEquals(receiptHandleGiven(id),
        Json.parseObject(deletes.getFirst().getBodyAsString()).string("ReceiptHandle"));
    assertEquals(List.of(), standIns.sqs.messageIds(queue), "gone from the queue");
    assertEquals(0, standIns.sqs.requests("ChangeMessageVisibility").size(), "nothing to hand back");
  }

  @Test
  void givenAnEventBridgeRuleDeadLetter_whenReplayed_thenTheBodyIsTheEventAndTheTargetFunctionGetsIt() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-eventbridge-rule.json"));
    standIns.lambdaAccepts();

    CliRun r = replay(answering(Answer.YES), "--queue-url", queue, "--function", HISTORY, "--select", id, "--yes");

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains(id + "  2026-11-20 10:09:52  1         stage FAILED payments-deploy 8d2e6b41 Build  "
        + "EventBridge NO_RESOURCE (0 retries): Function not found: arn:aws:lambda:eu-west-1:123456789012:function:"),
        r.out());
    standIns.aws.verify(1, postRequestedFor(urlEqualTo("/2015-03-31/functions/" + HISTORY + "%3Alive/invocations"))
        .withHeader("X-Amz-Invocation-Type", equalTo("Event"))
        .withRequestBody(equalToJson(sample("codepipeline-stage-failed.json"))));
    assertEquals(1, standIns.sqs.requests("DeleteMessage").size());
    assertEquals(List.of(), standIns.sqs.messageIds(queue));
  }

  @Test
  void givenADryRun_thenNothingIsInvokedOrDeleted_andTheMessagesAreHandedBackAtOnce() {
    String first = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    String second = standIns.sqs.send(queue, Json.write(Map.of("requestContext", Map.of("functionArn",
        "arn:aws:lambda:eu-west-1:123456789012:function:" + ALERTS + ":live", "condition", "EventAgeExceeded",
        "approximateInvokeCount", 1), "requestPayload", Json.parseObject(sample("codepipeline-pipeline-failed.json"))
        .asMap())), Map.of());
    standIns.lambdaAccepts();

    CliRun r = replayAlerts("--all", "--dry-run");

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains(first + "  would be replayed to " + ALERTS + ":live"), r.out());
    assertTrue(r.out().contains(second + "  would be replayed to " + ALERTS + ":live"), r.out());
    assertTrue(r.out().contains("EventAgeExceeded after 1 attempt"), r.out());
    assertTrue(r.out().contains("Dry run: nothing replayed, nothing deleted."), r.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(0, standIns.sqs.requests("DeleteMessage").size());
    assertEquals(2, standIns.sqs.requests("ChangeMessageVisibility").size());
    standIns.sqs.requests("ChangeMessageVisibility").forEach(c ->
        assertEquals(0, ((Number) Json.parseObject(c.getBodyAsString()).asMap().get("VisibilityTimeout")).intValue()));
    assertEquals(List.of(first, second), standIns.sqs.visibleIds(queue), "visible again for the real run");
  }

  @Test
  void givenDetails_thenEachMessageIsShownInFull() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-eventbridge-rule.json"));

    CliRun r = replay(answering(Answer.YES), "--queue-url", queue, "--function", HISTORY, "--details");

    assertEquals(0, r.exit(), r.all());
    String event = Json.write(Json.parseObject(sample("codepipeline-stage-failed.json")));
    assertTrue(r.out().contains("\n" + id + "\n"
        + "  parked by  EventBridge (rule target dead-letter queue), for arn:aws:lambda:eu-west-1:123456789012:"
        + "function:"
        + HISTORY + ":live, rule arn:aws:events:eu-west-1:123456789012:rule/baton-PipelineHistoryFunctionStateChange-"
        + "1K9QX2ZB7ND4E\n"
        + "  replay to  " + HISTORY + " (" + HISTORY + ":live)\n"
        + "  why        EventBridge NO_RESOURCE (0 retries): Function not found: arn:aws:lambda:eu-west-1:123456789012:"
        + "function:" + HISTORY + ":live (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; "
        + "Request ID: 6f1c3a2e-9b4d-4e7f-a8c2-5d0e1f3b7a94)\n"
        + "  event      " + event.substring(0, 40)), r.out());
    assertEquals(0, standIns.invocations().size());
  }

  @Test
  void givenNoChoice_thenItOnlyListsAndSaysHowToReplay() {
    standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));

    CliRun r = replayAlerts();

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("Nothing replayed. Replay them with --all or --select <message id>,..."), r.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(1, standIns.sqs.visibleIds(queue).size());
  }

  @Test
  void givenAnEmptyQueue_thenItSaysSo() {
    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(0, r.exit(), r.all());
    assertEquals("No parked events in " + queue + ".\n", r.out());
    assertEquals(0, standIns.invocations().size());
  }

  @ParameterizedTest(name = "Lambda answers {0} {1}")
  @CsvSource({"500, ServiceException, Service, Lambda is having a bad day",
      "429, TooManyRequestsException, User, Rate Exceeded.",
      "404, ResourceNotFoundException, User, Function not found"})
  void givenLambdaRefusesTheInvoke_thenTheMessageIsKeptNotDeleted_andTheRunSaysSo(int status, String type,
                                                                                  String kind, String message) {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.aws.stubFor(invoke().willReturn(aResponse().withStatus(status).withHeader("x-amzn-ErrorType", type)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"Type\":\"" + kind + "\",\"message\":\"" + message + "\"}")));

    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains(id + "  FAILED to replay to " + ALERTS + ":live: Lambda Invoke refused: " + type
        + ": " + message + " (HTTP " + status + "). Kept in the queue."), r.out());
    assertTrue(r.out().contains("1 failed and kept in the queue: fix the cause and run again"), r.out());
    assertTrue(standIns.invocations().size() >= 1);
    assertEquals(0, standIns.sqs.requests("DeleteMessage").size(), "never deleted before a 202");
    assertEquals(List.of(id), standIns.sqs.visibleIds(queue), "handed back: visible again now");
  }

  @Test
  void givenTheSecondOfTwoReplaysFails_thenOnlyTheFirstIsDeleted() {
    String first = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    String second = standIns.sqs.send(queue, Json.write(Map.of("requestContext", Map.of("functionArn",
        "arn:aws:lambda:eu-west-1:123456789012:function:" + ALERTS + ":live", "condition", "RetriesExhausted"),
        "requestPayload", Json.parseObject(sample("codepipeline-pipeline-failed.json")).asMap())), Map.of());
    standIns.aws.stubFor(invoke().withRequestBody(containing("CodePipeline Action Execution State Change"))
        .willReturn(aResponse().withStatus(202)));
    standIns.aws.stubFor(invoke().withRequestBody(containing("CodePipeline Pipeline Execution State Change"))
        .willReturn(aResponse().withStatus(403).withHeader("x-amzn-ErrorType", "AccessDeniedException")
            .withBody("{\"Message\":\"not authorized to perform: lambda:InvokeFunction\"}")));

    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains(first + "  replayed to"), r.out());
    assertTrue(r.out().contains(second + "  FAILED to replay"), r.out());
    assertTrue(r.out().contains("Replayed 1 of 2 events; 1 failed and kept in the queue"), r.out());
    List<LoggedRequest> deletes = standIns.sqs.requests("DeleteMessage");
    assertEquals(1, deletes.size());
    assertEquals(List.of(second), standIns.sqs.messageIds(queue), "the failed one stays, the replayed one is gone");
  }

  @Test
  void givenTheDeleteFailsAfterAnAcceptedReplay_thenItIsReportedAsReplayedButStillQueued() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();
    standIns.sqs.wiremock().stubFor(post(urlEqualTo("/")).atPriority(1)
        .withHeader("X-Amz-Target", equalTo(LocalSqs.TARGET + "DeleteMessage"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
            .withBody("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"User is not "
                + "authorized to perform: sqs:deletemessage\"}")));

    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(1, r.exit(), r.all());
    assertEquals(1, standIns.invocations().size());
    assertTrue(r.out().contains(id + "  replayed to " + ALERTS + ":live (accepted), but NOT deleted from the queue: "
        + "SQS DeleteMessage refused: AccessDenied"), r.out());
    assertTrue(r.out().contains("replaying it twice is safe (every Baton function is idempotent)"), r.out());
    assertTrue(r.out().contains("Replayed 1 of 1 event; 1 replayed but still in the queue."), r.out());
    assertEquals(List.of(id), standIns.sqs.messageIds(queue));
  }

  @Test
  void givenTheConfirmationIsDeclined_thenNothingIsInvoked() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();
    AtomicReference<String> asked = new AtomicReference<>();

    CliRun r = replay(new ReplayCommand(q -> {
      asked.set(q);
      return Answer.NO;
    }, Clock.systemUTC()), "--queue-url", queue, "--function", ALERTS, "--all");

    assertEquals(1, r.exit(), r.all());
    assertEquals("Replay 1 event to " + ALERTS + ":live?", asked.get());
    assertTrue(r.out().contains("Nothing replayed; the events stay in the queue."), r.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(0, standIns.sqs.requests("DeleteMessage").size());
    assertEquals(List.of(id), standIns.sqs.visibleIds(queue));
  }

  @Test
  void givenStandardInputIsNotATerminal_thenWithoutYesItRefusesToReplay() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();

    CliRun r = replay(new ReplayCommand(), "--queue-url", queue, "--function", ALERTS, "--all");

    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("baton replay: not replaying without a yes: standard input is not a terminal. Pass "
        + "--yes"), r.err());
    assertEquals(0, standIns.invocations().size());
    assertEquals(List.of(id), standIns.sqs.visibleIds(queue));
  }

  @Test
  void givenTheConfirmationTookLongerThanTheHold_thenNothingIsSentForMessagesAnotherReaderMayHave() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();
    MovableClock clock = new MovableClock(Instant.parse("2026-11-20T11:00:00Z"));

    CliRun r = replay(new ReplayCommand(q -> {
      clock.advance(Duration.ofSeconds(100));
      return Answer.YES;
    }, clock), "--queue-url", queue, "--function", ALERTS, "--all", "--visibility-timeout", "120");

    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains(id + "  not replayed: its 120 s hold (--visibility-timeout) ran out before its turn"),
        r.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(List.of(id), standIns.sqs.messageIds(queue));
  }

  @Test
  void givenARecordWithoutItsEvent_thenItCannotBeReplayed_andStays() {
    String id = standIns.sqs.send(queue, "{\"version\":\"1.0\",\"timestamp\":\"2026-11-20T10:13:52.417Z\","
        + "\"requestContext\":{\"requestId\":\"0b7e\",\"functionArn\":\"arn:aws:lambda:eu-west-1:123456789012:function:"
        + ALERTS + ":live\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
        + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"7\",\"functionError\":\"Unhandled\"}}",
        Map.of());
    standIns.lambdaAccepts();

    CliRun r = replayAlerts("--all", "--yes");

    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().contains("RetriesExhausted after 3 attempts: Unhandled function error"), r.out());
    assertTrue(r.out().contains(id + "  cannot be replayed: Lambda left the event out of this record"), r.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(List.of(id), standIns.sqs.visibleIds(queue));
  }

  @Test
  void givenSelectByTheBeginningOfAnId_thenOnlyThatOneIsReplayed() {
    String first = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    String second = standIns.sqs.send(queue, Json.write(Map.of("requestContext", Map.of("functionArn",
        "arn:aws:lambda:eu-west-1:123456789012:function:" + ALERTS + ":live", "condition", "RetriesExhausted"),
        "requestPayload", Json.parseObject(sample("codepipeline-pipeline-failed.json")).asMap())), Map.of());
    standIns.lambdaAccepts();

    CliRun r = replayAlerts("--select", second.substring(0, 8), "--yes");

    assertEquals(0, r.exit(), r.all());
    standIns.aws.verify(1, postRequestedFor(urlEqualTo(ALERTS_INVOKE))
        .withRequestBody(equalToJson(sample("codepipeline-pipeline-failed.json"))));
    assertEquals(1, standIns.invocations().size());
    assertEquals(List.of(first), standIns.sqs.messageIds(queue));
    assertEquals(List.of(first), standIns.sqs.visibleIds(queue), "the one not chosen is handed back");
  }

  @Test
  void givenSelectOfAnIdNotRead_thenNothingIsReplayed() {
    String id = standIns.sqs.park(queue, sample("sqs-dlq-lambda-on-failure.json"));
    standIns.lambdaAccepts();

    CliRun r = replayAlerts("--select", id + ",0000dead", "--yes");

    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("--select 0000dead: no message read has that id"), r.err());
    assertEquals(0, standIns.invocations().size());
    assertEquals(List.of(id), standIns.sqs.visibleIds(queue));
  }

  @Test
  void givenAnEventForAnotherFunction_thenAllLeavesIt_andSelectingItSaysWhose() {
    String foreign = standIns.sqs.park(queue, sample("sqs-dlq-eventbridge-rule.json"));
    standIns.lambdaAccepts();

    CliRun all = replayAlerts("--all", "--yes");

    assertEquals(0, all.exit(), all.all());
    assertTrue(all.out().contains("other: " + HISTORY), all.out());
    assertTrue(all.out().contains("None of them is for " + ALERTS + ": nothing to replay."), all.out());

    CliRun selected = replayAlerts("--select", foreign, "--yes");

    assertEquals(1, selected.exit(), selected.all());
    assertTrue(selected.out().contains(foreign + "  not replayed: parked for another function, " + HISTORY),
        selected.out());
    assertEquals(0, standIns.invocations().size());
    assertEquals(List.of(foreign), standIns.sqs.visibleIds(queue));
  }

  @Test
  void givenMoreMessagesThanOneReceiveHandsOut_thenItReadsUpToMax() {
    for (int i = 0; i < 13; i++) {
      standIns.sqs.send(queue, Json.write(Map.of("requestContext", Map.of("functionArn", ALERTS, "condition",
          "RetriesExhausted"), "requestPayload", Map.of("n", i))), Map.of());
    }

    CliRun r = replayAlerts("--max", "12", "--dry-run", "--all");

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().startsWith("12 events parked in"), r.out());
    assertTrue(r.out().contains("(read 12, the --max: there may be more)"), r.out());
    List<Integer> asked = standIns.sqs.requests("ReceiveMessage").stream().map(q -> ((Number) Json.parseObject(
        q.getBodyAsString()).asMap().get("MaxNumberOfMessages")).intValue()).toList();
    assertEquals(List.of(10, 2), asked);
  }

  @Test
  void givenNeitherAStackNorAQueue_thenItIsAUsageError() {
    CliRun r = replay(answering(Answer.YES), "--all");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("which queue and function?"), r.err());
  }

  @Test
  void givenAQueueThatDoesNotExist_thenItSaysSoAndExits2() {
    CliRun r = replay(answering(Answer.YES), "--queue-url", queue + "-missing", "--function", ALERTS, "--all");

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("baton replay: cannot read " + queue + "-missing: SQS ReceiveMessage refused: "
        + "QueueDoesNotExist: The specified queue does not exist."), r.err());
  }

  /** The receipt handle LocalSqs handed out with the message. */
  private static String receiptHandleGiven(String messageId) {
    return standIns.sqs.wiremock().getAllServeEvents().stream()
        .filter(e -> (LocalSqs.TARGET + "ReceiveMessage").equals(e.getRequest().getHeader("X-Amz-Target")))
        .flatMap(e -> Json.parseObject(e.getResponse().getBodyAsString()).objects("Messages").stream())
        .filter(m -> m.string("MessageId").equals(messageId)).map(m -> m.string("ReceiptHandle")).findFirst()
        .orElseThrow();
  }

  /** A clock the test moves: what the command sees as now. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
