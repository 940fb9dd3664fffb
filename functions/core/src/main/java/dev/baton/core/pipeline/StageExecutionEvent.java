package dev.baton.core.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CodePipeline Stage Execution State Change}.
 *
 * @param stage the stage name
 * @param lastRetryAttemptTime {@code detail.stage-last-retry-attempt-time}: present on every event of a stage after
 *     it was retried
 */
public record StageExecutionEvent(EventHeader header, String stage, ExecutionState state,
                                  Optional<Instant> lastRetryAttemptTime) implements PipelineEvent {
  public StageExecutionEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastRetryAttemptTime, "lastRetryAttemptTime");
  }

  @Override
  public EventLevel level() {
    return EventLevel.STAGE;
  }
}
