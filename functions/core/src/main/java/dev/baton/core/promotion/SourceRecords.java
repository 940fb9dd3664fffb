package dev.baton.core.promotion;

import dev.baton.core.history.ExecutionDetail;
import java.util.Optional;

/** Where the facts about a succeeded execution come from. */
public interface SourceRecords {
  /** What Baton recorded: the history record, and the release or promotion that started the execution. */
  Optional<ExecutionDetail> recorded(String pipeline, String executionId);

  /**
   * CodePipeline's record ({@code GetPipelineExecution}), asked only for an execution Baton did not start; empty
   * when CodePipeline does not know it.
   */
  Optional<PipelineRun> pipelineRun(String pipeline, String executionId);
}
