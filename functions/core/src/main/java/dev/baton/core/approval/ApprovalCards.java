package dev.baton.core.approval;

import dev.baton.core.freeze.Freeze;
import java.util.Optional;

/**
 * A second chat surface that shows each approval beside its Slack message (Microsoft Teams cards): posted once where
 * the route says, and updated in place whenever the Slack message is, whichever surface the decision came from.
 */
public interface ApprovalCards {
  /** No second surface. */
  ApprovalCards NONE = new ApprovalCards() {
    @Override
    public void post(ApprovalRoute route, Approval approval) {}

    @Override
    public void update(Approval approval) {}
  };

  /**
   * Posts {@code approval}'s card where {@code route} says, unless the route names no such place or a card is posted
   * already (or being posted); a failure is thrown, for the request to be retried.
   */
  void post(ApprovalRoute route, Approval approval);

  /** Shows {@code approval} as it now stands in its card, if one was posted. */
  void update(Approval approval);

  /** {@code slack}, with every update of a message also applied to the approval's card here. */
  default ApprovalMessenger alongside(ApprovalMessenger slack) {
    ApprovalCards cards = this;
    return this == NONE ? slack : new ApprovalMessenger() {
      @Override
      public Posted post(String channel, Approval approval, Optional<Freeze> frozen) {
        return slack.post(channel, approval, frozen);
      }

      @Override
      public void update(Approval approval) {
        if (approval.posted()) {
          slack.update(approval);
        }
        cards.update(approval);
      }

      @Override
      public void tell(String channel, SlackUser user, String text) {
        slack.tell(channel, user, text);
      }

      @Override
      public void askReason(String triggerId, Approval approval, String channel, String channelName) {
        slack.askReason(triggerId, approval, channel, channelName);
      }

      @Override
      public void askOverride(String triggerId, Approval approval, Freeze freeze, String channel,
                              String channelName) {
        slack.askOverride(triggerId, approval, freeze, channel, channelName);
      }

      @Override
      public void announceOverride(Approval approval) {
        slack.announceOverride(approval);
      }
    };
  }
}
