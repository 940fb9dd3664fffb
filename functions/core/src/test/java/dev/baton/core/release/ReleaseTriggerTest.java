package dev.baton.core.release;

import dev.baton.aws.LocalWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.dynamodb.LocalDynamo;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.slack.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;

/** The release service with its real adapters: DynamoDB on dynalite, CodePipeline on WireMock. */
class ReleaseTriggerTest {
  private static final String START = "CodePipeline_20150709.StartPipelineExecution";
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();
  @RegisterExtension
  static final LocalWireMock codepipeline = new LocalWireMock();
  private static final CodePipelineClient client = codepipeline.client(CodePipelineClient.builder());

  private ReleaseStore store;
  private DynamoFreezeStore adHoc;
  private final S3Object upload = new S3Object("acme-releases", "releases/payments/1.4.2/payments.zip",
      Optional.of("v-1"), "etag-1", "seq-1", 10, "PutObject");
  private final ReleaseRules rules = ReleaseRules.parse("test", Json.parseObject("""
      {"rules": [{"name": "svc", "key": "releases/{service}/{version}/*.zip", "pipeline": "{service}-deploy",
                  "variables": {"VERSION": "{version}"}, "sourceAction": "Source"}]}"""));

  @BeforeEach
  void fresh() {
    String table = dynamo.newTable();
    store = new DynamoReleaseStore(dynamo.client(), table, Optional.empty());
    adHoc = new DynamoFreezeStore(dynamo.client(), table, Optional.empty());
  }

  /** A weekend freeze on payments-* (Berlin), and whatever is frozen ad hoc in the table. */
  private ReleaseTrigger frozenTrigger(Instant now, String whenFrozen) {
    FreezeCalendar calendar = FreezeCalendar.parse("test", Json.parseObject("""
        {"freezes": [{"name": "weekend", "pipelines": ["payments-*"], "zone": "Europe/Berlin",
                      "weekly": {"from": "FRIDAY 16:00", "to": "MONDAY 08:00"}, "whenFrozen": "%s"}]}"""
        .formatted(whenFrozen)));
    return ReleaseTrigger.builder(rules, store, new CodePipelineStarter(client))
        .clock(Clock.fixed(now, ZoneOffset.UTC)).freezes(new Freezes(calendar, adHoc))
        .lease(Duration.ofSeconds(60)).waitForOther(Duration.ofMillis(200)).build();
  }

  private ReleaseTrigger trigger(Clock clock) {
    return ReleaseTrigger.builder(rules, store, new CodePipelineStarter(client)).clock(clock)
        .lease(Duration.ofSeconds(60)).waitForOther(Duration.ofMillis(200)).build();
  }

  private static void stubStartOk(String id) {
    codepipeline.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(START)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"pipelineExecutionId\":\"" + id + "\"}")));
  }

  @Test
  void givenAnUpload_thenStartedAndRecorded() {
    stubStartOk("exec-1");

    ReleaseOutcome outcome = trigger(Clock.systemUTC()).handle(upload);

    assertEquals(ReleaseOutcome.Kind.STARTED, outcome.kind());
    assertEquals(Optional.of("exec-1"), outcome.executionId());
    assertEquals(ReleaseStatus.STARTED, store.find(upload).orElseThrow().status());
  }

  @Test
  void givenAClaimHeldByAnotherDelivery_thenASecondDeliveryFailsForARetry_notDuplicate_andAfterTheLeaseItTakesOver() {
    Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
    stubStartOk("exec-2");
    ReleasePlan plan;
    try {
      plan = rules.plan(upload).orElseThrow();
    } catch (ReleaseRejectedException e) {
      throw new AssertionError(e);
    }
    store.claim(ReleaseRecord.starting(plan, t0, t0.plusSeconds(60)));   // a delivery that died mid-start

    try (CapturedLog log = CapturedLog.start()) {
      ReleaseInProgressException e = assertThrows(ReleaseInProgressException.class,
          () -> trigger(Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC)).handle(upload));
      assertTrue(e.getMessage().contains("failing for Lambda to retry this event"), e.getMessage());
      assertTrue(log.text().contains("\"level\":\"WARN\",\"message\":\"another delivery of this upload is still "
          + "starting its pipeline (it died, or is slow); this delivery fails so that Lambda retries it"), log.text());
      assertTrue(log.text().contains("\"leaseUntil\":\"2026-11-20T09:01:00Z\""), log.text());
    }
    assertEquals(ReleaseStatus.STARTING, store.find(upload).orElseThrow().status(), "not reported as a duplicate");
    codepipeline.verify(0, postRequestedFor(urlEqualTo("/")));
    ReleaseOutcome later = trigger(Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC)).handle(upload);

    assertEquals(ReleaseOutcome.Kind.STARTED, later.kind());
    assertEquals(2, store.find(upload).orElseThrow().attempts());
    codepipeline.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenARuleThatRendersAnInvalidPipelineName_thenAFailedReleaseIsRecordedWithoutCallingCodePipeline() {
    S3Object unicode = new S3Object("acme-releases", "releases/café/1.0/x.zip", Optional.of("v-9"), "e", "s", 1, "");

    ReleaseOutcome outcome = trigger(Clock.systemUTC()).handle(unicode);

    assertEquals(ReleaseOutcome.Kind.FAILED, outcome.kind());
    assertEquals(ReleaseStatus.FAILED, store.find(unicode).orElseThrow().status());
    codepipeline.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenAnUploadDuringTheWeekend_thenHeldWithItsProvenance_aDuplicateAddsNothing_andTheSweepStartsItOnceOnMonday() {
    stubStartOk("exec-monday");
    Instant saturday = Instant.parse("2026-11-21T10:00:00Z");

    ReleaseOutcome held = frozenTrigger(saturday, "hold").handle(upload);
    ReleaseOutcome again = frozenTrigger(saturday.plusSeconds(30), "hold").handle(upload);
    List<ReleaseOutcome> sundaySweep = frozenTrigger(Instant.parse("2026-11-22T20:00:00Z"), "hold").releaseHeld();

    assertEquals(ReleaseOutcome.Kind.HELD, held.kind());
    assertEquals(ReleaseOutcome.Kind.DUPLICATE, again.kind());
    assertEquals(List.of(), sundaySweep);
    ReleaseRecord record = store.find(upload).orElseThrow();
    assertEquals(ReleaseStatus.HELD, record.status());
    assertEquals("weekend", record.hold().orElseThrow().freeze());
    assertEquals(Instant.parse("2026-11-23T07:00:00Z"), record.hold().orElseThrow().frozenUntil());
    assertEquals("1.4.2", record.variables().get("VERSION"));
    codepipeline.verify(0, postRequestedFor(urlEqualTo("/")));

    Instant monday = Instant.parse("2026-11-23T07:00:30Z");
    List<ReleaseOutcome> first = frozenTrigger(monday, "hold").releaseHeld();
    List<ReleaseOutcome> second = frozenTrigger(monday.plusSeconds(60), "hold").releaseHeld();
    ReleaseOutcome lateDuplicate = frozenTrigger(monday.plusSeconds(90), "hold").handle(upload);

    assertEquals(List.of(ReleaseOutcome.Kind.STARTED), first.stream().map(ReleaseOutcome::kind).toList());
    assertEquals(Optional.of("exec-monday"), first.getFirst().executionId());
    assertEquals(List.of(), second);
    assertEquals(ReleaseOutcome.Kind.DUPLICATE, lateDuplicate.kind());
    codepipeline.verify(1, postRequestedFor(urlEqualTo("/")));
    codepipeline.verify(1, postRequestedFor(urlEqualTo("/"))
        .withRequestBody(matchingJsonPath("$.clientRequestToken", equalTo(record.clientRequestToken()))));
    ReleaseRecord started = store.find(upload).orElseThrow();
    assertEquals(ReleaseStatus.STARTED, started.status());
    assertEquals("weekend", started.hold().orElseThrow().freeze(), "the hold stays on the record");
    assertEquals(List.of(), store.waiting());
  }

  @Test
  void givenAFreezeThatDrops_thenRecordedDroppedWithTheReason_andNoSweepEverStartsIt() {
    Instant saturday = Instant.parse("2026-11-21T10:00:00Z");

    ReleaseOutcome outcome = frozenTrigger(saturday, "drop").handle(upload);
    List<ReleaseOutcome> monday = frozenTrigger(Instant.parse("2026-11-23T09:00:00Z"), "drop").releaseHeld();

    assertEquals(ReleaseOutcome.Kind.DROPPED, outcome.kind());
    assertEquals(Optional.of("dropped: payments-deploy is frozen by weekend until 2026-11-23T07:00:00Z"),
        outcome.reason());
    assertEquals(ReleaseStatus.DROPPED, store.find(upload).orElseThrow().status());
    assertEquals(List.of(), monday);
    codepipeline.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenAHeldReleaseWhoseStartFailsTransiently_thenItStaysWaiting_andTheNextSweepStartsIt() {
    Instant wednesday = Instant.parse("2026-11-18T10:00:00Z");
    adHoc.put(new AdHocFreeze("payments-deploy", "incident", "U0ALICE", wednesday, wednesday.plusSeconds(600)));
    assertEquals(ReleaseOutcome.Kind.HELD, frozenTrigger(wednesday, "hold").handle(upload).kind());
    codepipeline.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"__type\":\"InternalFailure\"}")));

    assertThrows(RuntimeException.class, () -> frozenTrigger(wednesday.plusSeconds(660), "hold").releaseHeld());
    assertEquals(ReleaseStatus.STARTING, store.find(upload).orElseThrow().status());
    assertEquals(1, store.waiting().size(), "still waiting for the next sweep");
    codepipeline.resetAll();
    stubStartOk("exec-retried");
    List<ReleaseOutcome> next = frozenTrigger(wednesday.plusSeconds(720), "hold").releaseHeld();

    assertEquals(Optional.of("exec-retried"), next.getFirst().executionId());
    assertEquals(List.of(), store.waiting());
  }
}
