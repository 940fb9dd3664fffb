package dev.baton.core.approval;

import java.util.Optional;

/** Finds the pipeline execution an approval request belongs to (the notification does not say), and who started it. */
public interface ExecutionLookup {
  /** The execution id and who started it, as far as CodePipeline tells. */
  record Execution(String executionId, Optional<String> startedBy) {}

  Optional<Execution> find(ApprovalRequest request);
}
