package dev.baton.core.approval;

import java.time.Instant;

/**
 * Where an approval's Teams card is recorded, on the approval's own record: posting it is leased (one poster at a
 * time, as for the Slack message) and recorded once, so a redelivered request never posts a second card.
 */
public interface TeamsCardStore {
  /** Takes the right to post the card until {@code leaseUntil}: false when a card is recorded or another holds it. */
  boolean claimPosting(String approvalId, Instant now, Instant leaseUntil);

  /** Gives the right to post back at once (the post failed; the retry may take over without waiting). */
  void releasePosting(String approvalId);

  /** Records where the card went (once). */
  void record(String approvalId, TeamsCard card);
}
