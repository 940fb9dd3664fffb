package dev.baton.core.release;

/** Starts pipeline executions (CodePipeline's StartPipelineExecution). */
public interface PipelineStarter {
  /**
   * Starts the plan's pipeline and returns the execution id. Throws {@link ReleaseRejectedException} when
   * CodePipeline refuses for good (no such pipeline, invalid request, not allowed); any other exception is transient
   * and the release is retried.
   */
  String start(ReleasePlan plan) throws ReleaseRejectedException;
}
