package dev.baton.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code detail.execution-trigger} of a pipeline event: how the execution was started.
 *
 * @param triggerType CreatePipeline, StartPipelineExecution, PollForSourceChanges, Webhook, CloudWatchEvent,
 *     PutActionRevision, WebhookV2, ManualRollback, AutomatedRollback (absent on some Git-triggered events)
 * @param triggerDetail e.g. the ARN of the caller of StartPipelineExecution, or of the EventBridge rule
 * @param git the commit, for executions started by a Git push or tag
 */
public record ExecutionTrigger(Optional<String> triggerType, Optional<String> triggerDetail, Optional<GitCommit> git) {
  public ExecutionTrigger {
    Objects.requireNonNull(triggerType, "triggerType");
    Objects.requireNonNull(triggerDetail, "triggerDetail");
    Objects.requireNonNull(git, "git");
  }
}
