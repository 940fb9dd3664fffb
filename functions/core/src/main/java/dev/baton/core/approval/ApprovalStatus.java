package dev.baton.core.approval;

/**
 * Where an approval stands. PENDING moves once, by a conditional write, to APPROVING or REJECTING (a decision made in
 * Slack and recorded, CodePipeline not yet told) or straight to an outcome decided elsewhere; the deciding states
 * then end in one outcome. Nothing moves back.
 */
public enum ApprovalStatus {
  /** Waiting for a decision; the Slack message shows the buttons. */
  PENDING,
  /** Approved in Slack and recorded; PutApprovalResult not yet done. */
  APPROVING,
  /** Rejected in Slack and recorded; PutApprovalResult not yet done. */
  REJECTING,
  /** Approved in Slack; CodePipeline took it. */
  APPROVED,
  /** Rejected in Slack; CodePipeline took it. */
  REJECTED,
  /** Approved outside Baton (console, CLI). */
  APPROVED_ELSEWHERE,
  /** Rejected outside Baton (console, CLI). */
  REJECTED_ELSEWHERE,
  /** CodePipeline stopped waiting (timeout) or no longer knows the token. */
  EXPIRED,
  /** CodePipeline said it was already answered, without saying how. */
  ALREADY_COMPLETED,
  /** The execution was stopped, abandoned or superseded. */
  CANCELED,
  /** CodePipeline refused the answer for good (access denied, pipeline or action gone). */
  FAILED;

  public boolean pending() {
    return this == PENDING;
  }

  public boolean deciding() {
    return this == APPROVING || this == REJECTING;
  }

  public boolean finished() {
    return !pending() && !deciding();
  }
}
