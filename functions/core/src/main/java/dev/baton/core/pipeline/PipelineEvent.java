package dev.baton.core.pipeline;

import java.time.Instant;

/**
 * One CodePipeline state-change event (EventBridge, source {@code aws.codepipeline}): a pipeline execution, a stage
 * execution or an action execution changed state. Read one with {@link PipelineEvents#parse}.
 */
public sealed interface PipelineEvent permits PipelineExecutionEvent, StageExecutionEvent, ActionExecutionEvent {

  EventHeader header();

  ExecutionState state();

  EventLevel level();

  default String eventId() {
    return header().eventId();
  }

  default Instant time() {
    return header().time();
  }

  default String pipeline() {
    return header().pipeline();
  }

  default String executionId() {
    return header().executionId();
  }

  default int attempt() {
    return header().attempt();
  }
}
