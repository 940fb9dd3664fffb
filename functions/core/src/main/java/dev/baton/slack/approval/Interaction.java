package dev.baton.slack.approval;

import dev.baton.core.approval.ApprovalClaim;
import dev.baton.core.approval.SlackUser;
import java.util.Optional;

/**
 * A verified Slack interaction with a Baton message: Approve/Reject clicked, the reject form submitted, or one of
 * the link buttons of an alert or approval message opened (Slack reports those too; there is nothing to do).
 */
public sealed interface Interaction {
  SlackUser user();

  /**
   * Approve or Reject clicked on the message in {@code channel} (id) / {@code channelName}; {@code claim} is what the
   * button says about the approval (empty on messages posted before buttons carried it).
   */
  record Click(String approvalId, Optional<ApprovalClaim> claim, boolean approve, SlackUser user, String channel, String channelName,
               String triggerId) implements Interaction {}

  /** The reject form came back with a reason (and the claim the form was opened with, if any). */
  record ReasonSubmitted(String approvalId, Optional<ApprovalClaim> claim, SlackUser user, String channel, String channelName, String reason)
      implements Interaction {}

  /** The break-glass form came back with a reason: approve during a freeze. */
  record OverrideSubmitted(String approvalId, Optional<ApprovalClaim> claim, SlackUser user, String channel,
                           String channelName, String reason) implements Interaction {}

  /** A link button (its URL opens in the browser); acknowledged and otherwise ignored. */
  record LinkOpened(String actionId, SlackUser user) implements Interaction {}

  /**
   * Start or Cancel clicked on a {@code /baton release} confirmation: {@code value} is the button's claim (read by
   * {@link dev.baton.slack.chatops.ReleaseClaims}), {@code responseUrl} where the answer goes.
   */
  record ReleaseClick(SlackUser user, boolean start, String value, String responseUrl) implements Interaction {}
}
