package dev.baton.core.history;

import java.util.List;
import java.util.Optional;

/** Everything the history holds about one execution: one Query of its pipeline's partition. */
public record ExecutionDetail(String pipeline, String executionId, Optional<ExecutionRecord> execution,
                              List<StageRecord> stages, List<ActionRecord> actions, Optional<ReleaseLink> release) {
  public ExecutionDetail {
    stages = List.copyOf(stages);
    actions = List.copyOf(actions);
  }

  public boolean isEmpty() {
    return execution.isEmpty() && stages.isEmpty() && actions.isEmpty() && release.isEmpty();
  }
}
