package dev.baton.core.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CodePipeline Action Execution State Change}.
 *
 * @param stage the stage the action is in
 * @param action the action name
 * @param actionExecutionId {@code detail.action-execution-id}: one per run of the action (a retry gets a new one)
 * @param actionRegion {@code detail.region}: where the action ran (a cross-region action differs from the pipeline's)
 * @param type {@code detail.type}: owner, provider, category, version
 * @param result {@code detail.execution-result}, {@link ExecutionResult#NONE} when absent
 * @param inputArtifacts {@code detail.input-artifacts}
 * @param outputArtifacts {@code detail.output-artifacts}
 */
public record ActionExecutionEvent(EventHeader header, String stage, String action, String actionExecutionId,
                                   ExecutionState state, Optional<String> actionRegion, ActionType type,
                                   ExecutionResult result, List<Artifact> inputArtifacts,
                                   List<Artifact> outputArtifacts) implements PipelineEvent {
  public ActionExecutionEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actionExecutionId, "actionExecutionId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(actionRegion, "actionRegion");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(result, "result");
    inputArtifacts = List.copyOf(inputArtifacts);
    outputArtifacts = List.copyOf(outputArtifacts);
  }

  @Override
  public EventLevel level() {
    return EventLevel.ACTION;
  }

  /** A manual approval action (category Approval): its FAILED means rejected or timed out. */
  public boolean isApproval() {
    return type.isApproval();
  }
}
