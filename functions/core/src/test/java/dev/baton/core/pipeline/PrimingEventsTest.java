package dev.baton.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The events priming hands to the functions' dispatch parse as CodePipeline's do, of no real account, dated now. */
class PrimingEventsTest {
  @Test
  void givenEachLevel_thenItParsesAsThatLevelAndState() {
    PipelineEvent execution = PipelineEvents.parse(Json.parseObject(PrimingEvents.execution("p", "e", "SUCCEEDED")));
    PipelineEvent stage = PipelineEvents.parse(Json.parseObject(PrimingEvents.stage("p", "e", "Build", "FAILED")));
    ActionExecutionEvent build = (ActionExecutionEvent) PipelineEvents.parse(Json.parseObject(
        PrimingEvents.action("p", "e", "Build", "Build", "FAILED", false)));
    ActionExecutionEvent approval = (ActionExecutionEvent) PipelineEvents.parse(Json.parseObject(
        PrimingEvents.action("p", "e", "Approve", "Gate", "STARTED", true)));

    assertTrue(execution instanceof PipelineExecutionEvent);
    assertEquals(ExecutionState.SUCCEEDED, execution.state());
    assertTrue(stage instanceof StageExecutionEvent s && s.stage().equals("Build"));
    assertEquals(ExecutionState.FAILED, build.state());
    assertTrue(!build.isApproval() && approval.isApproval());
    assertEquals("000000000000", build.header().account());
    assertTrue(Duration.between(execution.time(), Instant.now()).abs().toSeconds() < 60, execution.time()::toString);
  }

  @Test
  void givenTheSchedule_thenItIsTheStacksScheduledEvent() {
    var event = Json.parseObject(PrimingEvents.schedule());

    assertEquals("aws.events", event.string("source"));
    assertEquals("Scheduled Event", event.string("detail-type"));
    assertTrue(!PipelineEvents.isPipelineEvent(event));
  }
}
