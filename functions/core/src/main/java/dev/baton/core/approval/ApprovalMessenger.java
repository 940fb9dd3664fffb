package dev.baton.core.approval;

import dev.baton.core.freeze.Freeze;
import java.util.Optional;

/** The chat side of approvals (Slack): the message with the buttons, its updates, private notes and the reason form. */
public interface ApprovalMessenger {
  /** Where a message went. */
  record Posted(String channel, String ts) {}

  /** Posts the request with Approve and Reject buttons. */
  default Posted post(String channel, Approval approval) {
    return post(channel, approval, Optional.empty());
  }

  /** Posts the request with Approve and Reject buttons, and the freeze that covers its pipeline now, if any. */
  Posted post(String channel, Approval approval, Optional<Freeze> frozen);

  /** Shows the approval as it now stands, in place (outcome, who, when; no buttons once decided). */
  void update(Approval approval);

  /** A note only {@code user} sees in {@code channel}. */
  void tell(String channel, SlackUser user, String text);

  /** Opens the form asking {@code user} why they reject (valid for a few seconds after the click). */
  void askReason(String triggerId, Approval approval, String channel, String channelName);

  /** Opens the break-glass form: approving during {@code freeze} needs a reason. */
  void askOverride(String triggerId, Approval approval, Freeze freeze, String channel, String channelName);

  /**
   * Announces in the approval's channel, as a message of its own, that it was approved overriding a freeze (the
   * approval's decision carries the override).
   */
  void announceOverride(Approval approval);
}
