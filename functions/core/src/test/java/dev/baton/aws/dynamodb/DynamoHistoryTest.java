package dev.baton.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.history.HistoryRecorder.Recorded;
import dev.baton.core.history.StageRecord;
import dev.baton.core.history.Transition;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.release.ReleaseRecord;
import dev.baton.core.release.ReleaseStatus;
import dev.baton.core.release.S3Object;
import dev.baton.local.PipelineStories;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history store and reader with their real adapter on dynalite: what is written, what is read back. */
class DynamoHistoryTest {
  private static final String EXEC = "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304";
  private static final String FAILED_EXEC = "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806";
  private static final Instant BASE = Instant.parse("2026-11-20T09:00:00.250Z");
  @RegisterExtension
  static final LocalDynamo dynamo = new LocalDynamo();

  private String table;
  private List<ExecutionRecord> finished;
  private HistoryRecorder recorder;
  private DynamoHistoryReader reader;

  @BeforeEach
  void fresh() {
    table = dynamo.newTable();
    finished = Collections.synchronizedList(new ArrayList<>());
    recorder = new HistoryRecorder(new DynamoHistoryStore(dynamo.client(), table), finished::add,
        Optional.of(Duration.ofDays(30)));
    reader = new DynamoHistoryReader(dynamo.client(), table);
  }

  @Test
  void givenStartedThenSucceeded_thenTheExecutionEndsSucceededWithTimesTriggerAndTtl() {
    Recorded started = recorder.record(sample("codepipeline-pipeline-started.json"));
    Recorded succeeded = recorder.record(sample("codepipeline-pipeline-succeeded.json"));

    assertTrue(started.advanced() && succeeded.advanced());
    assertEquals(2, started.writes(), "the execution and the pipeline registry, one UpdateItem each");
    assertEquals(1, succeeded.writes(), "the registry entry is written once per environment");
    Map<String, Object> item = item("PIPELINE#payments-deploy", "EXEC#" + EXEC);
    assertEquals("SUCCEEDED", item.get("status"));
    assertEquals("2026-11-20T09:14:04.612Z", item.get("startTime"));
    assertEquals("2026-11-20T09:31:47Z", item.get("endTime"));
    assertEquals("StartPipelineExecution", item.get("triggerType"));
    assertEquals("EXEC#2026-11-20T09:14:04.612Z#" + EXEC, item.get("gsi1sk"));
    assertEquals(new java.math.BigDecimal(Instant.parse("2026-11-20T09:31:47Z").plus(Duration.ofDays(30))
        .getEpochSecond()), item.get("expiresAt"), "TTL: retention after the last state change");
    assertEquals(new java.util.TreeSet<>(List.of("00001|2026-11-20T09:14:05Z|STARTED",
        "00001|2026-11-20T09:31:47Z|SUCCEEDED")), item.get("transitions"));
    assertEquals(1, finished.size());
    assertEquals(Optional.of(Duration.parse("PT17M42.388S")), finished.getFirst().duration());
  }

  @Test
  void givenALateStartedAfterSucceeded_thenNothingMovesBackAndNoSecondMetric() {
    recorder.record(sample("codepipeline-pipeline-succeeded.json"));
    Map<String, Object> before = item("PIPELINE#payments-deploy", "EXEC#" + EXEC);

    Recorded late = recorder.record(sample("codepipeline-pipeline-started.json"));
    Recorded duplicate = recorder.record(sample("codepipeline-pipeline-succeeded.json"));

    assertFalse(late.advanced());
    assertFalse(duplicate.advanced());
    assertEquals(2, late.writes(), "refused ranked write and its merge (the registry is written already)");
    Map<String, Object> after = item("PIPELINE#payments-deploy", "EXEC#" + EXEC);
    assertEquals("SUCCEEDED", after.get("status"));
    assertEquals(before.get("endTime"), after.get("endTime"));
    assertEquals(before.get("stateRank"), after.get("stateRank"));
    assertEquals("StartPipelineExecution", after.get("triggerType"), "the late event's facts are merged in");
    assertEquals(2, ((java.util.Set<?>) after.get("transitions")).size());
    assertEquals(1, finished.size(), "the duplicate SUCCEEDED emits no second metric");
  }

  @Test
  void givenAFailedBuild_thenTheExecutionShowsTheFailedStageActionAndError() {
    recorder.record(sample("codepipeline-pipeline-started-git.json"));
    recorder.record(sample("codepipeline-action-failed-codebuild.json"));
    recorder.record(sample("codepipeline-stage-failed.json"));
    recorder.record(sample("codepipeline-pipeline-failed.json"));

    ExecutionRecord e = reader.detail("payments-deploy", FAILED_EXEC).orElseThrow().execution().orElseThrow();
    assertEquals(Optional.of(ExecutionState.FAILED), e.status());
    assertEquals(Optional.of("Build"), e.failedStage());
    var failure = e.failure().orElseThrow();
    assertEquals("Build", failure.stage());
    assertEquals("CodeBuild", failure.provider());
    assertEquals(Optional.of("JobFailed"), failure.errorCode());
    assertTrue(failure.url().orElseThrow().contains("codebuild"));
    assertEquals("9fceb02d0ae598e95dc970b74767f19372d61af8", e.commit().orElseThrow().commitId());
    assertEquals(Optional.of(Instant.parse("2026-11-20T09:48:31Z")), e.commit().orElseThrow().authorDate());
    assertEquals(Optional.of("main"), e.commit().orElseThrow().branch());
  }

  @Test
  void givenARetry_thenResumedIsAttemptTwoAndALateFailureOfAttemptOneDoesNotWin() {
    recorder.record(sample("codepipeline-pipeline-started-git.json"));
    recorder.record(sample("codepipeline-pipeline-resumed.json"));
    recorder.record(sample("codepipeline-stage-resumed.json"));
    Recorded lateFailure = recorder.record(sample("codepipeline-pipeline-failed.json"));
    recorder.record(sample("codepipeline-stage-failed.json"));

    assertFalse(lateFailure.advanced());
    ExecutionDetail d = reader.detail("payments-deploy", FAILED_EXEC).orElseThrow();
    ExecutionRecord e = d.execution().orElseThrow();
    assertEquals(Optional.of(ExecutionState.RESUMED), e.status());
    assertEquals(2, e.attempt());
    assertEquals(1, e.retries());
    assertEquals(Optional.empty(), e.endTime(), "a resumed execution is running again");
    assertEquals(List.of(ExecutionState.STARTED, ExecutionState.FAILED, ExecutionState.RESUMED),
        e.transitions().stream().map(Transition::state).toList());
    StageRecord build = d.stages().getFirst();
    assertEquals(ExecutionState.RESUMED, build.status());
    assertEquals(2, build.attempt());
    assertEquals(List.of(1, 2), build.transitions().stream().map(Transition::attempt).toList());
    assertEquals(List.of("attempt 1 FAILED"), metrics(), "the late FAILED still ends attempt 1, once");
  }

  @Test
  void givenAttemptOnesFailureAfterAttemptTwosEvents_thenEachAttemptsFinalStateIsCountedOnce() {
    recorder.record(sample("codepipeline-pipeline-started-git.json"));
    recorder.record(sample("codepipeline-pipeline-resumed.json"));
    recorder.record(sample("codepipeline-stage-resumed.json"));
    recorder.record(sample("alerts-pipeline-succeeded-retry.json"));
    assertEquals(List.of("attempt 2 SUCCEEDED"), metrics());

    Recorded late = recorder.record(sample("codepipeline-pipeline-failed.json"));
    Recorded redelivered = recorder.record(sample("codepipeline-pipeline-failed.json"));
    recorder.record(sample("alerts-pipeline-succeeded-retry.json"));

    assertFalse(late.advanced() || redelivered.advanced(), "attempt 2's SUCCEEDED stays the execution's state");
    assertEquals(List.of("attempt 2 SUCCEEDED", "attempt 1 FAILED"), metrics(),
        "attempt 1's failure counts once, late as it is; the redeliveries add nothing");
    ExecutionRecord failedAttempt = finished.getLast();
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:02:10.377Z")), failedAttempt.startTime());
    assertEquals(failedAttempt.endTime(), Optional.of(sample("codepipeline-pipeline-failed.json").time()));
    assertEquals("9fceb02d0ae598e95dc970b74767f19372d61af8", failedAttempt.commit().orElseThrow().commitId());
    Map<String, Object> item = item("PIPELINE#payments-deploy", "EXEC#" + FAILED_EXEC);
    assertEquals("SUCCEEDED", item.get("status"));
    assertEquals(new java.util.TreeSet<>(List.of(new java.math.BigDecimal(1), new java.math.BigDecimal(2))),
        item.get("endedAttempts"));
  }

  @Test
  void givenOnlyStageAndActionEvents_thenTheExecutionIsListedAndFoundAsPartial() {
    recorder.record(sample("codepipeline-stage-started.json"));
    recorder.record(sample("codepipeline-action-succeeded-source.json"));

    List<ExecutionRecord> listed = reader.recent(10);
    assertEquals(List.of(EXEC), listed.stream().map(ExecutionRecord::executionId).toList(),
        "listed across pipelines: the stage event registered the pipeline");
    ExecutionRecord partial = listed.getFirst();
    assertTrue(partial.partial(), "no pipeline event yet: state unknown");
    assertEquals(Optional.of(Instant.parse("2026-11-20T09:14:04.612Z")), partial.startTime(),
        "placed by the start time every event carries");
    ExecutionDetail found = reader.find(EXEC).orElseThrow();
    assertTrue(found.execution().orElseThrow().partial());
    assertEquals(List.of("Source"), found.stages().stream().map(StageRecord::stage).toList());
    assertEquals(1, found.actions().size());
    assertTrue(finished.isEmpty());

    recorder.record(sample("codepipeline-pipeline-started.json"));
    recorder.record(sample("codepipeline-pipeline-succeeded.json"));

    ExecutionRecord complete = reader.recent("payments-deploy", 10).getFirst();
    assertFalse(complete.partial());
    assertEquals(Optional.of(ExecutionState.SUCCEEDED), complete.status());
    assertEquals(Optional.of("StartPipelineExecution"), complete.triggerType());
    assertEquals(1, reader.recent(10).size(), "one execution, not a partial one beside it");
  }

  @Test
  void givenARejectedApproval_thenTheFailureIsTheApprovalWithTheReviewersComment() {
    recorder.record(sample("codepipeline-action-approval-started.json"));
    recorder.record(sample("codepipeline-action-approval-failed.json"));

    ExecutionDetail d = reader.detail("payments-deploy", "5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073").orElseThrow();
    assertTrue(d.execution().orElseThrow().status().isEmpty(), "no pipeline event yet");
    var failure = d.execution().orElseThrow().failure().orElseThrow();
    assertTrue(failure.approval());
    assertTrue(failure.summary().orElseThrow().contains("error rate on the canary is 4%"));
    ActionRecord gate = d.actions().getFirst();
    assertEquals("ProductionGate", gate.action());
    assertEquals(ExecutionState.FAILED, gate.status());
    assertEquals(Optional.of(Instant.parse("2026-11-20T13:12:40Z")), gate.startedAt());
    assertEquals(Optional.of(Duration.ofSeconds(805)), gate.duration());
  }

  @Test
  void givenTheReleaseThatStartedIt_thenTheDetailJoinsItAndLeadTimeCanStartThere() {
    var releases = new DynamoReleaseStore(dynamo.client(), table, Optional.empty());
    S3Object upload = new S3Object("acme-releases", "releases/payments/1.4.2/payments-1.4.2.zip",
        Optional.of("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"), "b1946ac92492d2347c6235b4d2611184", "00617F08299329D189",
        18734231, "PutObject");
    Instant requested = Instant.parse("2026-11-20T09:14:03.400Z");
    ReleaseRecord record = new ReleaseRecord(upload, "service-releases", "payments-deploy",
        Map.of("VERSION", "1.4.2"), Optional.empty(), "token", ReleaseStatus.STARTING, requested, Optional.empty(),
        Optional.empty(), Optional.empty(), requested.plusSeconds(60), 1, Optional.empty());
    releases.claim(record);
    releases.markStarted(record, EXEC, requested.plusMillis(900));
    recorder.record(sample("codepipeline-pipeline-started.json"));

    ExecutionDetail d = reader.detail("payments-deploy", EXEC).orElseThrow();

    assertEquals("s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip?versionId=3HL4kqtJlcpXroDTDmjVBH40Nrjfkd",
        d.release().orElseThrow().s3Url());
    assertEquals(Map.of(EXEC, requested), reader.releasedAt("payments-deploy", List.of(EXEC, FAILED_EXEC)));
    assertEquals("payments-deploy", reader.find(EXEC).orElseThrow().pipeline());
    assertEquals(List.of("payments-deploy"), reader.pipelines());
  }

  @Test
  void givenAllStories_thenListsAreNewestFirstAndTimeRangesSelectByStart() {
    PipelineStories.all(BASE).values().forEach(s -> s.forEach(e -> recorder.record(parse(e))));
    recorder.record(sample("codepipeline-pipeline-started.json"));

    List<ExecutionRecord> recent = reader.recent("payments-deploy", 3);
    assertEquals(List.of("5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073", "f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31",
            "c41f9a27-6e8b-4d13-a5c0-9b3e2f7d1a54"),
        recent.stream().map(ExecutionRecord::executionId).toList());
    assertEquals(7, reader.recent(50).size());
    List<ExecutionRecord> window = reader.startedBetween("payments-deploy", BASE.plus(Duration.ofHours(1)),
        BASE.plus(Duration.ofHours(3)));
    assertEquals(List.of(FAILED_EXEC, "b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40"),
        window.stream().map(ExecutionRecord::executionId).toList());
    ExecutionRecord retried = window.get(1);
    assertEquals(Optional.of(ExecutionState.SUCCEEDED), retried.status());
    assertEquals(1, retried.retries());
    ExecutionDetail stopped = reader.detail("payments-deploy", "f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31").orElseThrow();
    assertEquals(Optional.of("Stopping: wrong artifact, 1.4.3 goes out instead"),
        stopped.execution().orElseThrow().stopComments());
    assertEquals(ExecutionState.ABANDONED, stopped.actions().getLast().status());
    assertEquals(List.of("Source", "Build", "Approve", "Deploy"),
        stopped.stages().stream().map(StageRecord::stage).toList());
    assertTrue(reader.detail("payments-deploy", "no-such-execution").isEmpty());
  }

  @Test
  void givenConcurrentOutOfOrderDuplicatedDelivery_thenTheStateIsTheInOrderState() throws Exception {
    List<PipelineEvent> events = PipelineStories.retryThenSuccess("b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40", BASE)
        .stream().map(DynamoHistoryTest::parse).toList();
    events.forEach(recorder::record);
    var expected = TableDump.partition(dynamo.client(), table, "PIPELINE#payments-deploy");

    fresh();
    List<PipelineEvent> scrambled = new ArrayList<>(events);
    scrambled.addAll(events.subList(0, 10));
    Collections.shuffle(scrambled, new Random(42));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Recorded>> results = new ArrayList<>();
      for (PipelineEvent e : scrambled) {
        results.add(pool.submit(() -> recorder.record(e)));
      }
      for (Future<Recorded> r : results) {
        r.get();
      }
    } finally {
      pool.shutdown();
    }

    assertEquals(List.of(), TableDump.diff(expected, TableDump.partition(dynamo.client(), table,
        "PIPELINE#payments-deploy")));
    assertEquals(List.of("attempt 1 FAILED", "attempt 2 SUCCEEDED"), metrics().stream().sorted().toList(),
        "exactly one metric per finished attempt, whatever the order");
  }

  private List<String> metrics() {
    return finished.stream().map(e -> "attempt " + e.attempt() + " " + e.status().orElseThrow()).toList();
  }

  private Map<String, Object> item(String pk, String sk) {
    return TableDump.partition(dynamo.client(), table, pk).get(sk);
  }

  static PipelineEvent sample(String name) {
    try {
      return parse(Files.readString(Repo.root().resolve("events").resolve(name)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static PipelineEvent parse(String json) {
    return PipelineEvents.parse(Json.parseObject(json));
  }

  static HistoryMetrics none() {
    return HistoryMetrics.NONE;
  }
}
