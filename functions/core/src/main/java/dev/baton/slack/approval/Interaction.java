package dev.baton.slack.approval;

import dev.baton.core.approval.SlackUser;

/**
 * A verified Slack interaction with a Baton message: Approve/Reject clicked, the reject form submitted, or one of
 * the link buttons of an alert or approval message opened (Slack reports those too; there is nothing to do).
 */
public sealed interface Interaction {
  SlackUser user();

  /** Approve or Reject clicked on the message in {@code channel} (id) / {@code channelName}. */
  record Click(String approvalId, boolean approve, SlackUser user, String channel, String channelName,
               String triggerId) implements Interaction {}

  /** The reject form came back with a reason. */
  record ReasonSubmitted(String approvalId, SlackUser user, String channel, String channelName, String reason)
      implements Interaction {}

  /** A link button (its URL opens in the browser); acknowledged and otherwise ignored. */
  record LinkOpened(String actionId, SlackUser user) implements Interaction {}
}
