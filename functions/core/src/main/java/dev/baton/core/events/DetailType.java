package dev.baton.core.events;

/**
 * The detail types of the events Baton publishes (source {@code baton}); each has a JSON Schema in
 * {@code docs/events/} and a sample in {@code events/}.
 */
public enum DetailType {
  /** release-trigger started a pipeline for an upload. */
  RELEASE_STARTED("Baton Release Started"),
  /** An upload matched a release rule but its pipeline could not be started (the reason says why). */
  RELEASE_FAILED("Baton Release Failed"),
  /** A release or a promotion arrived while its pipeline is frozen: it waits, and starts once the freeze is over. */
  RELEASE_HELD("Baton Release Held"),
  /** A succeeded execution was promoted: release-trigger started the next pipeline of its chain. */
  PROMOTION_STARTED("Baton Promotion Started"),
  /** A manual approval was posted to Slack. */
  APPROVAL_REQUESTED("Baton Approval Requested"),
  /** A manual approval was approved or rejected (in Slack, or in the CodePipeline console). */
  APPROVAL_DECIDED("Baton Approval Decided"),
  /** A manual approval timed out, or its execution stopped, before anyone decided. */
  APPROVAL_EXPIRED("Baton Approval Expired"),
  /** An execution attempt failed, stopped, had an approval rejected, or succeeded where a route asks for it. */
  ALERT_RAISED("Baton Alert Raised"),
  /** An execution succeeded after the pipeline's previous outcome was a failure. */
  ALERT_RECOVERED("Baton Alert Recovered");

  private final String text;

  DetailType(String text) {
    this.text = text;
  }

  /** The {@code detail-type} as EventBridge carries it, e.g. {@code Baton Release Started}. */
  public String text() {
    return text;
  }
}
