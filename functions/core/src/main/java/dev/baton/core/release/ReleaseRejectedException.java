package dev.baton.core.release;

/**
 * A release that cannot start, and will not start however often it is retried: its rule renders an invalid pipeline
 * name or an empty variable, or CodePipeline says the pipeline does not exist or refuses the request. It is
 * recorded as a failed release with this message as the reason.
 */
public final class ReleaseRejectedException extends Exception {
  private final transient ReleasePlan plan;

  public ReleaseRejectedException(ReleasePlan plan, String reason) {
    super(reason);
    this.plan = plan;
  }

  public ReleasePlan plan() {
    return plan;
  }
}
