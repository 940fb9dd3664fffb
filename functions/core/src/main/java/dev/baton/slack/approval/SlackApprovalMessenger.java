package dev.baton.slack.approval;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalMessenger;
import dev.baton.core.approval.SlackUser;
import dev.baton.slack.PostedMessage;
import dev.baton.slack.SlackClient;
import dev.baton.core.freeze.Freeze;
import java.util.List;
import java.util.Optional;

/**
 * Approval messages through the Slack Web API: chat.postMessage (requests, break-glass announcements), chat.update,
 * chat.postEphemeral, views.open.
 */
public final class SlackApprovalMessenger implements ApprovalMessenger {
  private final SlackClient slack;

  public SlackApprovalMessenger(SlackClient slack) {
    this.slack = slack;
  }

  @Override
  public Posted post(String channel, Approval approval, Optional<Freeze> frozen) {
    PostedMessage m = slack.postMessage(channel, ApprovalBlocks.text(approval),
        ApprovalBlocks.blocks(approval, frozen));
    return new Posted(m.channel(), m.ts());
  }

  @Override
  public void update(Approval approval) {
    slack.update(approval.channel().orElseThrow(), approval.messageTs().orElseThrow(), ApprovalBlocks.text(approval),
        ApprovalBlocks.blocks(approval));
  }

  @Override
  public void tell(String channel, SlackUser user, String text) {
    slack.postEphemeral(channel, user.id(), text, List.of());
  }

  @Override
  public void askReason(String triggerId, Approval approval, String channel, String channelName) {
    slack.openView(triggerId, ApprovalBlocks.reasonView(approval, channel, channelName));
  }

  @Override
  public void askOverride(String triggerId, Approval approval, Freeze freeze, String channel, String channelName) {
    slack.openView(triggerId, ApprovalBlocks.overrideView(approval, freeze, channel, channelName));
  }

  @Override
  public void announceOverride(Approval approval) {
    slack.postMessage(approval.channel().orElseThrow(), ApprovalBlocks.overrideText(approval),
        ApprovalBlocks.overrideBlocks(approval));
  }
}
