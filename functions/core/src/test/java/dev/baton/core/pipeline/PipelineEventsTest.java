package dev.baton.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CodePipeline state-change parser on the samples in events/ (the same files the e2e tests replay). */
class PipelineEventsTest {
  private static final String ARN = "arn:aws:codepipeline:eu-west-1:123456789012:payments-deploy";

  static JsonObject sample(String name) {
    try {
      return Json.parseObject(Files.readString(Repo.root().resolve("events").resolve(name)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void pipelineStartedByTheReleaseTrigger() {
    var e = assertInstanceOf(PipelineExecutionEvent.class,
        PipelineEvents.parse(sample("codepipeline-pipeline-started.json")));
    assertEquals(new EventHeader("0b6e2f55-3c1a-4c3e-a3b7-6f1f0e8d2a41", Instant.parse("2026-11-20T09:14:05Z"),
        "123456789012", "eu-west-1", ARN, "payments-deploy", "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304",
        Optional.of(Instant.parse("2026-11-20T09:14:04.612Z")), 7, 1), e.header());
    assertEquals(ExecutionState.STARTED, e.state());
    assertEquals(EventLevel.PIPELINE, e.level());
    assertEquals(Optional.of("StartPipelineExecution"), e.trigger().orElseThrow().triggerType());
    assertTrue(e.trigger().orElseThrow().triggerDetail().orElseThrow().contains("ReleaseTriggerFunction"));
    assertEquals(Optional.empty(), e.trigger().orElseThrow().git());
    assertEquals(Optional.empty(), e.stopComments());
  }

  @Test
  void gitTriggerCarriesTheCommit() {
    var e = (PipelineExecutionEvent) PipelineEvents.parse(sample("codepipeline-pipeline-started-git.json"));
    ExecutionTrigger trigger = e.trigger().orElseThrow();
    assertEquals(Optional.of("WebhookV2"), trigger.triggerType());
    assertEquals(new GitCommit("9fceb02d0ae598e95dc970b74767f19372d61af8",
        Optional.of("Retry card authorisation on gateway timeouts"), Optional.of("Mary Major"),
        Optional.of("mary.major@example.com"), Optional.of(Instant.parse("2026-11-20T09:48:31Z")),
        Optional.of("main"), Optional.empty(), Optional.of("acme/payments"), Optional.of("GitHub"),
        Optional.of("arn:aws:codestar-connections:eu-west-1:123456789012:connection/"
            + "0f5b706a-1a1d-46c5-86b6-f177321bcfb2")), trigger.git().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
      "codepipeline-pipeline-started.json, STARTED, 1",
      "codepipeline-pipeline-succeeded.json, SUCCEEDED, 1",
      "codepipeline-pipeline-failed.json, FAILED, 1",
      "codepipeline-pipeline-resumed.json, RESUMED, 2",
      "codepipeline-pipeline-superseded.json, SUPERSEDED, 1",
      "codepipeline-pipeline-stopping.json, STOPPING, 1",
      "codepipeline-pipeline-stopped.json, STOPPED, 1",
      "codepipeline-pipeline-canceled.json, CANCELED, 1"})
  void everyPipelineSample(String file, ExecutionState state, int attempt) {
    var e = assertInstanceOf(PipelineExecutionEvent.class, PipelineEvents.parse(sample(file)));
    assertEquals(state, e.state());
    assertEquals(attempt, e.attempt());
    assertEquals("payments-deploy", e.pipeline());
  }

  @Test
  void resumedAndStoppingCarryTheirExtras() {
    var resumed = (PipelineExecutionEvent) PipelineEvents.parse(sample("codepipeline-pipeline-resumed.json"));
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:21:29.804Z")), resumed.lastRetryAttemptTime());
    var stopping = (PipelineExecutionEvent) PipelineEvents.parse(sample("codepipeline-pipeline-stopping.json"));
    assertEquals(Optional.of("Stopping: wrong artifact, 1.4.3 goes out instead"), stopping.stopComments());
    assertTrue(ExecutionState.STOPPED.terminal());
    assertFalse(ExecutionState.STOPPING.terminal());
  }

  @Test
  void stageEvents() {
    var failed = assertInstanceOf(StageExecutionEvent.class,
        PipelineEvents.parse(sample("codepipeline-stage-failed.json")));
    assertEquals("Build", failed.stage());
    assertEquals(ExecutionState.FAILED, failed.state());
    assertEquals(Optional.empty(), failed.lastRetryAttemptTime());
    var resumed = (StageExecutionEvent) PipelineEvents.parse(sample("codepipeline-stage-resumed.json"));
    assertEquals(ExecutionState.RESUMED, resumed.state());
    assertEquals(2, resumed.attempt());
    assertEquals(Optional.empty(), resumed.header().startTime());
    assertEquals(Optional.of(Instant.parse("2026-11-20T10:21:29.804Z")), resumed.lastRetryAttemptTime());
  }

  @Test
  void codeBuildActionFailure() {
    var e = assertInstanceOf(ActionExecutionEvent.class,
        PipelineEvents.parse(sample("codepipeline-action-failed-codebuild.json")));
    assertEquals("Build", e.stage());
    assertEquals("Build", e.action());
    assertEquals("b3f6c1d2-7e84-4a95-9c0d-1e2f3a4b5c6d", e.actionExecutionId());
    assertEquals(ExecutionState.FAILED, e.state());
    assertEquals(Optional.of("eu-west-1"), e.actionRegion());
    assertEquals(new ActionType("AWS", "CodeBuild", "Build", "1"), e.type());
    assertFalse(e.isApproval());
    assertEquals(Optional.of("JobFailed"), e.result().errorCode());
    assertEquals(Optional.of("payments-build:5c0b2f7e-3d41-4a8e-9b16-8e2f4c7a1d93"),
        e.result().externalExecutionId());
    assertTrue(e.result().externalExecutionUrl().orElseThrow().startsWith("https://console.aws.amazon.com/codebuild/"));
    assertTrue(e.result().externalExecutionSummary().orElseThrow().contains("COMMAND_EXECUTION_ERROR"));
    assertEquals(List.of(new Artifact("SourceArtifact", Optional.of("codepipeline-eu-west-1-418273645019"),
        Optional.of("payments-deploy/SourceArti/Xk2Pq9v"))), e.inputArtifacts());
    assertEquals(List.of(), e.outputArtifacts());
  }

  @Test
  void approvalStartedAndRejected() {
    var started = (ActionExecutionEvent) PipelineEvents.parse(sample("codepipeline-action-approval-started.json"));
    assertTrue(started.isApproval());
    assertEquals(ExecutionState.STARTED, started.state());
    assertEquals("ProductionGate", started.action());
    assertEquals("Approve", started.stage());
    assertEquals(ExecutionResult.NONE, started.result());
    var rejected = (ActionExecutionEvent) PipelineEvents.parse(sample("codepipeline-action-approval-failed.json"));
    assertTrue(rejected.isApproval());
    assertEquals(ExecutionState.FAILED, rejected.state());
    assertTrue(rejected.result().externalExecutionSummary().orElseThrow().startsWith("Rejected by"));
    assertEquals(Optional.empty(), rejected.result().errorCode());
  }

  @ParameterizedTest
  @CsvSource({
      "codepipeline-stage-started.json, STAGE, STARTED",
      "codepipeline-stage-succeeded.json, STAGE, SUCCEEDED",
      "codepipeline-action-started-codebuild.json, ACTION, STARTED",
      "codepipeline-action-succeeded-source.json, ACTION, SUCCEEDED"})
  void theOtherStageAndActionSamples(String file, EventLevel level, ExecutionState state) {
    PipelineEvent e = PipelineEvents.parse(sample(file));
    assertEquals(level, e.level());
    assertEquals(state, e.state());
  }

  @Test
  void aRunningCodeBuildActionAlreadyLinksItsBuildAndASourceActionItsArtifact() {
    var started = (ActionExecutionEvent) PipelineEvents.parse(sample("codepipeline-action-started-codebuild.json"));
    assertEquals(Optional.of("payments-build:5c0b2f7e-3d41-4a8e-9b16-8e2f4c7a1d93"),
        started.result().externalExecutionId());
    assertEquals(Optional.empty(), started.result().externalExecutionSummary());
    var source = (ActionExecutionEvent) PipelineEvents.parse(sample("codepipeline-action-succeeded-source.json"));
    assertEquals(new ActionType("AWS", "S3", "Source", "1"), source.type());
    assertEquals("SourceArtifact", source.outputArtifacts().getFirst().name());
  }

  @Test
  void abandonedActionHasNoStartTime() {
    var e = (ActionExecutionEvent) PipelineEvents.parse(sample("codepipeline-action-abandoned.json"));
    assertEquals(ExecutionState.ABANDONED, e.state());
    assertEquals(Optional.empty(), e.header().startTime());
  }

  @Test
  void malformedSampleNamesTheMissingField() {
    var e = assertThrows(MalformedJsonException.class,
        () -> PipelineEvents.parse(sample("codepipeline-event-malformed.json")));
    assertEquals("$.detail.execution-id: missing", e.getMessage());
  }

  @Test
  void foreignSampleIsRejected() {
    JsonObject foreign = sample("codepipeline-event-foreign.json");
    assertFalse(PipelineEvents.isPipelineEvent(foreign));
    var e = assertThrows(MalformedJsonException.class, () -> PipelineEvents.parse(foreign));
    assertEquals("$.source: expected aws.codepipeline, found aws.codebuild", e.getMessage());
    assertTrue(PipelineEvents.isPipelineEvent(sample("codepipeline-pipeline-started.json")));
  }

  @Test
  void unknownDetailType() {
    assertEquals("$.detail-type: not a CodePipeline execution state change: CodePipeline Action Execution Done",
        reject("codepipeline-action-approval-started.json", m -> m.put("detail-type",
            "CodePipeline Action Execution Done")));
  }

  @Test
  void stateMustBelongToTheLevel() {
    assertEquals("$.detail.state: SUPERSEDED is not a stage state "
            + "(expected one of [STARTED, RESUMED, STOPPING, SUCCEEDED, FAILED, STOPPED, CANCELED])",
        reject("codepipeline-stage-failed.json", m -> detail(m).put("state", "SUPERSEDED")));
    assertEquals("$.detail.state: RESUMED is not a action state "
            + "(expected one of [STARTED, SUCCEEDED, FAILED, CANCELED, ABANDONED])",
        reject("codepipeline-action-abandoned.json", m -> detail(m).put("state", "RESUMED")));
    assertEquals("$.detail.state: missing",
        reject("codepipeline-pipeline-started.json", m -> detail(m).remove("state")));
  }

  @Test
  void fieldsAreNamedWhenMistyped() {
    assertEquals("$.time: not an ISO-8601 timestamp",
        reject("codepipeline-pipeline-started.json", m -> m.put("time", "yesterday")));
    assertEquals("$.detail.pipeline-execution-attempt: expected a whole number",
        reject("codepipeline-pipeline-started.json", m -> detail(m).put("pipeline-execution-attempt", 1.5)));
    assertEquals("$.detail.pipeline-execution-attempt: expected a whole number >= 0",
        reject("codepipeline-pipeline-started.json", m -> detail(m).put("pipeline-execution-attempt", -1.0)));
    assertEquals("$.detail.execution-trigger: expected an object, found a string",
        reject("codepipeline-pipeline-started.json", m -> detail(m).put("execution-trigger", "Webhook")));
    assertEquals("$.detail.type.provider: missing",
        reject("codepipeline-action-failed-codebuild.json", m -> ((Map<String, Object>) detail(m).get("type"))
            .remove("provider")));
    assertEquals("$.detail.type: missing",
        reject("codepipeline-action-failed-codebuild.json", m -> detail(m).remove("type")));
    assertEquals("$.detail.action-execution-id: missing",
        reject("codepipeline-action-failed-codebuild.json", m -> detail(m).remove("action-execution-id")));
    assertEquals("$.detail.stage: missing",
        reject("codepipeline-stage-failed.json", m -> detail(m).remove("stage")));
    assertEquals("$.resources: missing (expected the pipeline ARN)",
        reject("codepipeline-pipeline-started.json", m -> m.remove("resources")));
    assertEquals("$.detail: missing",
        reject("codepipeline-pipeline-started.json", m -> m.remove("detail")));
  }

  @Test
  void attemptDefaultsToOne() {
    JsonObject e = edit("codepipeline-pipeline-succeeded.json", m -> detail(m).remove("pipeline-execution-attempt"));
    PipelineEvent parsed = PipelineEvents.parse(e);
    assertEquals(1, parsed.attempt());
    assertEquals(7, parsed.header().pipelineVersion());
  }

  @Test
  void givenTheWrongTypeSample_thenItsNumericPipelineIsRefusedNotReadAsText() {
    var e = assertThrows(MalformedJsonException.class,
        () -> PipelineEvents.parse(sample("codepipeline-event-wrong-type.json")));
    assertEquals("$.detail.pipeline: expected a string, found a number", e.getMessage());
    var id = assertThrows(MalformedJsonException.class,
        () -> PipelineEvents.parse(sample("codepipeline-event-numeric-execution-id.json")));
    assertEquals("$.detail.execution-id: expected a string, found a number", id.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenAnyFieldOfTheWrongJsonType_thenTheEventIsRefusedNamingIt() {
    assertEquals("$.detail.stage: expected a string, found a number",
        reject("codepipeline-stage-failed.json", m -> detail(m).put("stage", 3)));
    assertEquals("$.detail.state: expected a string, found a boolean",
        reject("codepipeline-pipeline-started.json", m -> detail(m).put("state", true)));
    assertEquals("$.account: expected a string, found a number",
        reject("codepipeline-pipeline-started.json", m -> m.put("account", 123456789012L)));
    assertEquals("$.detail.version: expected a number, found a string",
        reject("codepipeline-pipeline-succeeded.json", m -> detail(m).put("version", "12")));
    assertEquals("$.detail.pipeline-execution-attempt: expected a number, found a string",
        reject("codepipeline-pipeline-resumed.json", m -> detail(m).put("pipeline-execution-attempt", "2")));
    assertEquals("$.detail.start-time: expected a string, found a number",
        reject("codepipeline-pipeline-started.json", m -> detail(m).put("start-time", 1763630044612L)));
    assertEquals("$.detail.execution-trigger.commit-id: expected a string, found a number",
        reject("codepipeline-pipeline-started-git.json", m -> ((Map<String, Object>) detail(m)
            .get("execution-trigger")).put("commit-id", 9)));
    assertEquals("$.detail.execution-result.error-code: expected a string, found an object",
        reject("codepipeline-action-failed-codebuild.json", m -> ((Map<String, Object>) detail(m)
            .get("execution-result")).put("error-code", Map.of("code", "JobFailed"))));
    assertEquals("$.detail.input-artifacts[0].name: expected a string, found a number",
        reject("codepipeline-action-failed-codebuild.json", m -> ((List<Map<String, Object>>) detail(m)
            .get("input-artifacts")).get(0).put("name", 1)));
    assertEquals("$.resources[0]: expected a string, found a number",
        reject("codepipeline-pipeline-started.json", m -> m.put("resources", List.of(42))));
  }

  private static String reject(String file, Consumer<Map<String, Object>> change) {
    return assertThrows(MalformedJsonException.class, () -> PipelineEvents.parse(edit(file, change))).getMessage();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(Map<String, Object> event) {
    return (Map<String, Object>) event.get("detail");
  }

  @SuppressWarnings("unchecked")
  private static JsonObject edit(String file, Consumer<Map<String, Object>> change) {
    Map<String, Object> copy = (Map<String, Object>) deepCopy(sample(file).asMap());
    change.accept(copy);
    return JsonObject.of(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new HashMap<>();
      m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return new java.util.ArrayList<>(l.stream().map(PipelineEventsTest::deepCopy).toList());
    }
    return v;
  }
}
