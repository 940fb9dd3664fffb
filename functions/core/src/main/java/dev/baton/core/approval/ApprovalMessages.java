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

  /** Shows the approval as it stands in its message, unless it does already (or was never posted). */
  public void publish(String approvalId) {
    store.find(approvalId).filter(Approval::messageBehind).ifPresent(a -> {
      messenger.update(a);
      store.recordMessageShown(a.id(), a.status());
    });
  }
}
