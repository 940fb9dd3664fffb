package dev.baton.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code detail.execution-result} of an action event: the provider's link, summary and id for the run (a CodeBuild
 * build, a CodeDeploy deployment, a commit), and the error code of a failure ({@code JobFailed}, ...).
 */
public record ExecutionResult(Optional<String> externalExecutionUrl, Optional<String> externalExecutionSummary,
                              Optional<String> externalExecutionId, Optional<String> errorCode) {
  public static final ExecutionResult NONE = new ExecutionResult(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public ExecutionResult {
    Objects.requireNonNull(externalExecutionUrl, "externalExecutionUrl");
    Objects.requireNonNull(externalExecutionSummary, "externalExecutionSummary");
    Objects.requireNonNull(externalExecutionId, "externalExecutionId");
    Objects.requireNonNull(errorCode, "errorCode");
  }

  public boolean isEmpty() {
    return externalExecutionUrl.isEmpty() && externalExecutionSummary.isEmpty() && externalExecutionId.isEmpty()
        && errorCode.isEmpty();
  }
}
