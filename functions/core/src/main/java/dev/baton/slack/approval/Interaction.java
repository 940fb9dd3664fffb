package dev.baton.slack.approval;

import dev.baton.core.approval.SlackUser;

/** A verified Slack interaction with an approval message: a button click, or the reject form submitted. */
public sealed interface Interaction {
  SlackUser user();

  String approvalId();

  /** Approve or Reject clicked on the message in {@code channel} (id) / {@code channelName}. */
  record Click(String approvalId, boolean approve, SlackUser user, String channel, String channelName,
               String triggerId) implements Interaction {}

  /** The reject form came back with a reason. */
  record ReasonSubmitted(String approvalId, SlackUser user, String channel, String channelName, String reason)
      implements Interaction {}
}
