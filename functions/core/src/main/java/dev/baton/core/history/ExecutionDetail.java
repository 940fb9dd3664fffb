package dev.baton.core.history;

import java.util.List;
import java.util.Optional;

/**
 * Everything the history holds about one execution: one Query of its pipeline's partition. {@code release} is the
 * upload that started it, {@code promotion} the execution it was promoted from (at most one of the two).
 */
public record ExecutionDetail(String pipeline, String executionId, Optional<ExecutionRecord> execution,
                              List<StageRecord> stages, List<ActionRecord> actions, Optional<ReleaseLink> release,
                              Optional<PromotionLink> promotion) {
  public ExecutionDetail {
    stages = List.copyOf(stages);
    actions = List.copyOf(actions);
  }

  /** An execution no promotion started. */
  public ExecutionDetail(String pipeline, String executionId, Optional<ExecutionRecord> execution,
                         List<StageRecord> stages, List<ActionRecord> actions, Optional<ReleaseLink> release) {
    this(pipeline, executionId, execution, stages, actions, release, Optional.empty());
  }

  public boolean isEmpty() {
    return execution.isEmpty() && stages.isEmpty() && actions.isEmpty() && release.isEmpty() && promotion.isEmpty();
  }
}
