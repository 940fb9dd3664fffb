package dev.baton.core.approval;

import java.util.Optional;

/**
 * What CodePipeline knows about the execution an approval request waits in (the notification does not say which).
 * Both look-ups throw when CodePipeline cannot answer now (throttling, 5xx, timeouts, not allowed).
 */
public interface ExecutionLookup {
  /** The execution whose approval action waits on {@code request} (its latest run carries the token); empty if none. */
  Optional<String> waitingExecution(ApprovalRequest request);

  /**
   * Who started {@code executionId}, as CodePipeline reports it: the trigger's detail (an IAM ARN for a manual or
   * API start, a webhook or rule ARN, ...), or the trigger type when it gives no detail; empty when CodePipeline
   * does not say (or no longer knows the execution).
   */
  Optional<String> startedBy(String pipeline, String executionId);
}
