package dev.baton.core.approval;

/** The chat side of approvals (Slack): the message with the buttons, its updates, private notes and the reason form. */
public interface ApprovalMessenger {
  /** Where a message went. */
  record Posted(String channel, String ts) {}

  /** Posts the request with Approve and Reject buttons. */
  Posted post(String channel, Approval approval);

  /** Shows the approval as it now stands, in place (outcome, who, when; no buttons once decided). */
  void update(Approval approval);

  /** A note only {@code user} sees in {@code channel}. */
  void tell(String channel, SlackUser user, String text);

  /** Opens the form asking {@code user} why they reject (valid for a few seconds after the click). */
  void askReason(String triggerId, Approval approval, String channel, String channelName);
}
