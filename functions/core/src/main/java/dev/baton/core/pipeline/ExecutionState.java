package dev.baton.core.pipeline;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states CodePipeline reports (User Guide, "Monitoring CodePipeline events"). Not every level uses every state:
 * pipelines have no ABANDONED, stages no SUPERSEDED or ABANDONED, actions only ABANDONED, CANCELED, FAILED, STARTED
 * and SUCCEEDED ({@link #allowedFor}).
 */
public enum ExecutionState {
  /** Running. */
  STARTED,
  /** A failed pipeline execution or stage was retried ({@code RetryStageExecution}); the attempt number grows. */
  RESUMED,
  /** A stop (stop and wait, or stop and abandon) was requested and is in progress. */
  STOPPING,
  /** Completed successfully. */
  SUCCEEDED,
  /** Did not complete successfully; for an Approval action: rejected, or timed out. A FAILED stage can be RESUMED. */
  FAILED,
  /** The stop requested by STOPPING is complete. */
  STOPPED,
  /** Pipeline only: a newer execution overtook this one while it waited for the next stage. */
  SUPERSEDED,
  /** Canceled because the pipeline structure was updated. */
  CANCELED,
  /** Action only: abandoned by a request to stop and abandon the execution. */
  ABANDONED;

  private static final Set<ExecutionState> PIPELINE = EnumSet.of(STARTED, RESUMED, STOPPING, SUCCEEDED, FAILED,
      STOPPED, SUPERSEDED, CANCELED);
  private static final Set<ExecutionState> STAGE = EnumSet.of(STARTED, RESUMED, STOPPING, SUCCEEDED, FAILED,
      STOPPED, CANCELED);
  private static final Set<ExecutionState> ACTION = EnumSet.of(STARTED, SUCCEEDED, FAILED, CANCELED, ABANDONED);

  /**
   * True for the states that end an attempt: SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELED, ABANDONED. (A FAILED
   * pipeline execution or stage may still be RESUMED as a new attempt.)
   */
  public boolean terminal() {
    return switch (this) {
      case STARTED, RESUMED, STOPPING -> false;
      case SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELED, ABANDONED -> true;
    };
  }

  /** The states CodePipeline sends for events of this level. */
  public static Set<ExecutionState> allowedFor(EventLevel level) {
    return switch (level) {
      case PIPELINE -> PIPELINE;
      case STAGE -> STAGE;
      case ACTION -> ACTION;
    };
  }

  public static Optional<ExecutionState> of(String name) {
    for (ExecutionState s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
