package dev.baton.core.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CodePipeline Pipeline Execution State Change}.
 *
 * @param trigger {@code detail.execution-trigger}: CodePipeline sends it with STARTED (and, for Git triggers, with
 *     later states too); absent otherwise
 * @param stopComments {@code detail.stop-execution-comments} (STOPPING)
 * @param lastRetryAttemptTime {@code detail.last-retry-attempt-time}, when the execution was retried
 */
public record PipelineExecutionEvent(EventHeader header, ExecutionState state, Optional<ExecutionTrigger> trigger,
                                     Optional<String> stopComments, Optional<Instant> lastRetryAttemptTime)
    implements PipelineEvent {
  public PipelineExecutionEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(stopComments, "stopComments");
    Objects.requireNonNull(lastRetryAttemptTime, "lastRetryAttemptTime");
  }

  @Override
  public EventLevel level() {
    return EventLevel.PIPELINE;
  }
}
