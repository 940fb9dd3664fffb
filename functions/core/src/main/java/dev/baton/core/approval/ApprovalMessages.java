package dev.baton.core.approval;

/**
 * Keeps an approval's Slack message in step with the approval: it is updated when it shows an older state, and what
 * it shows is recorded, so a repeated hand-off, a redelivered event or a retry updates nothing already shown.
 */
public final class ApprovalMessages {
  private final ApprovalStore store;
  private final ApprovalMessenger messenger;

  public ApprovalMessages(ApprovalStore store, ApprovalMessenger messenger) {
    this.store = store;
    this.messenger = messenger;
  }

  /** Shows the stored approval in its message, unless it does already (or was never posted). */
  public void publish(String approvalId) {
    store.find(approvalId).ifPresent(this::publish);
  }

  /** Shows {@code a}, as just recorded, in its message unless it does already, and records that it does. */
  public void publish(Approval a) {
    if (show(a)) {
      store.recordMessageShown(a.id(), a.status());
    }
  }

  /**
   * Updates the message to show {@code a} unless it does already (or was never posted), without recording it: for
   * a caller that records it with the outcome. True when the message was updated.
   */
  public boolean show(Approval a) {
    if (!a.messageBehind()) {
      return false;
    }
    messenger.update(a);
    return true;
  }
}
