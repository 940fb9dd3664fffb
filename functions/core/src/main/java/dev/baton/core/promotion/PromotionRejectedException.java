package dev.baton.core.promotion;

/**
 * A promotion that cannot start however often it is retried: the source execution's revision cannot be pinned, a
 * variable renders empty, or CodePipeline refuses the start for good. Recorded FAILED with this message as the
 * reason.
 */
public final class PromotionRejectedException extends Exception {
  private final transient PromotionPlan plan;

  public PromotionRejectedException(PromotionPlan plan, String reason) {
    super(reason);
    this.plan = plan;
  }

  public PromotionPlan plan() {
    return plan;
  }
}
