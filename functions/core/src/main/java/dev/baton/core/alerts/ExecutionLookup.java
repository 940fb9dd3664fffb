package dev.baton.core.alerts;

import java.util.List;
import java.util.Optional;

/**
 * CodePipeline's own record of an execution, asked when an event lacks what an alert should tell. Failures are
 * exceptions; the caller sends the alert without the details rather than not at all.
 */
public interface ExecutionLookup {

  /** The actions whose latest run in the execution failed ({@code ListActionExecutions}), optionally in one stage. */
  List<FailedAction> failedActions(String pipeline, String executionId, Optional<String> stage);

  /** The execution's status, trigger and source revisions ({@code GetPipelineExecution}); empty when unknown. */
  Optional<ExecutionFacts> execution(String pipeline, String executionId);
}
