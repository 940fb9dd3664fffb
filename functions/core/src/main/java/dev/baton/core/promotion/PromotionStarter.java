package dev.baton.core.promotion;

/** Starts the target pipeline of a promotion (CodePipeline's StartPipelineExecution). */
public interface PromotionStarter {
  /**
   * Starts the plan's target and returns its execution id. Throws {@link PromotionRejectedException} when
   * CodePipeline refuses for good; any other exception is transient and the promotion is retried.
   */
  String start(PromotionPlan plan) throws PromotionRejectedException;
}
