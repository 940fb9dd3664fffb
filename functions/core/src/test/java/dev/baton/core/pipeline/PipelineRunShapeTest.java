package dev.baton.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.PipelineStories;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event streams the stand-in makes up (local PipelineRun) have the shapes of the samples in events/ (the User
 * Guide's): same envelope, same detail fields for the same level, state and provider, and they all parse.
 */
class PipelineRunShapeTest {
  private static final List<JsonObject> GENERATED = PipelineStories.all(Instant.parse("2026-11-20T09:00:00Z"))
      .values().stream().flatMap(List::stream).map(Json::parseObject).toList();

  @Test
  void everyGeneratedEventParses() {
    assertFalse(GENERATED.isEmpty());
    GENERATED.forEach(PipelineEvents::parse);
  }

  @ParameterizedTest
  @CsvSource({
      "codepipeline-pipeline-started.json, CodePipeline Pipeline Execution State Change, STARTED, ''",
      "codepipeline-pipeline-succeeded.json, CodePipeline Pipeline Execution State Change, SUCCEEDED, ''",
      "codepipeline-pipeline-superseded.json, CodePipeline Pipeline Execution State Change, SUPERSEDED, ''",
      "codepipeline-pipeline-stopping.json, CodePipeline Pipeline Execution State Change, STOPPING, ''",
      "codepipeline-pipeline-stopped.json, CodePipeline Pipeline Execution State Change, STOPPED, ''",
      "codepipeline-stage-failed.json, CodePipeline Stage Execution State Change, FAILED, ''",
      "codepipeline-action-failed-codebuild.json, CodePipeline Action Execution State Change, FAILED, CodeBuild",
      "codepipeline-action-approval-started.json, CodePipeline Action Execution State Change, STARTED, Manual",
      "codepipeline-action-approval-failed.json, CodePipeline Action Execution State Change, FAILED, Manual",
      "codepipeline-action-abandoned.json, CodePipeline Action Execution State Change, ABANDONED, CodeDeploy"})
  void sameFieldsAsTheSample(String sample, String detailType, String state, String provider) {
    JsonObject expected = PipelineEventsTest.sample(sample);
    JsonObject generated = GENERATED.stream()
        .filter(e -> e.string("detail-type").equals(detailType) && e.object("detail").string("state").equals(state))
        .filter(e -> provider.isEmpty() || e.object("detail").object("type").string("provider").equals(provider))
        .filter(e -> !e.object("detail").has("execution-trigger") || !e.object("detail").object("execution-trigger")
            .has("commit-id"))
        .findFirst().orElseThrow(() -> new AssertionError("no generated " + detailType + " " + state));
    assertEquals(new TreeSet<>(expected.keys()), new TreeSet<>(generated.keys()));
    assertEquals(new TreeSet<>(expected.object("detail").keys()), new TreeSet<>(generated.object("detail").keys()));
    expected.object("detail").optObject("execution-result").ifPresent(r -> assertEquals(new TreeSet<>(r.keys()),
        new TreeSet<>(generated.object("detail").object("execution-result").keys())));
  }
}
