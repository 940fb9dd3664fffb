package dev.baton.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where approvals are kept. Every transition is a conditional write: it happens once or not at all. */
public interface ApprovalStore {
  /**
   * Stores a new PENDING approval holding the right to post its message until {@code postLeaseUntil}; if the
   * approval exists already (a duplicate delivery), stores nothing and returns what is stored.
   */
  Optional<Approval> create(Approval approval, Instant postLeaseUntil);

  Optional<Approval> find(String id);

  /** Takes the right to post over from a poster whose lease ran out before any message was recorded. */
  boolean takeOverPosting(String id, Instant now, Instant leaseUntil);

  /** Gives the right to post back at once (the post failed; the retry may take over without waiting). */
  void releasePosting(String id);

  /** Records where the message went. */
  void recordMessage(String id, String channel, String ts);

  /** Sets the execution id of an approval that has none yet. */
  void recordExecution(String id, String executionId);

  /**
   * Records who started the approval's execution (and the execution, unless one is recorded), once: false when the
   * starter was recorded already.
   */
  boolean recordStarter(String id, String executionId, String startedBy);

  /** Records that the message now shows {@code status}; false when the approval has moved on since (show it again). */
  boolean recordMessageShown(String id, ApprovalStatus status);

  /**
   * PENDING to APPROVING/REJECTING with the decision, in one conditional write that holds only if the approval is as
   * {@code claim}ed and, when {@code starterMayNotBe} is not empty, its starter is recorded and matches none of
   * those identities ({@code *} at the end matches any rest). Done: the approval as decided; otherwise the approval
   * as it stands (someone else decided first, it ended elsewhere, it is not as claimed, its starter is unknown or
   * is the decider), or empty when there is no such approval.
   */
  ApprovalTransition decide(ApprovalClaim claim, Decision decision, List<String> starterMayNotBe);

  /**
   * Takes the right to announce an approval's break-glass override in its channel, once: false when it has no
   * override, or it was announced (or is being announced) already.
   */
  boolean claimOverrideAnnouncement(String id, Instant at);

  /** Gives that right back (the announcement failed; the retry takes it again). */
  void releaseOverrideAnnouncement(String id);

  /**
   * PENDING to EXPIRED with {@code note}, in one conditional write that holds only if the approval is as
   * {@code claim}ed; the answer as for {@link #decide}.
   */
  ApprovalTransition expire(ApprovalClaim claim, String note, Instant at);

  /** Moves the approval from one of {@code from} to {@code to}; false when it was not in one of them. */
  default boolean finish(String id, Set<ApprovalStatus> from, ApprovalStatus to, Optional<String> outcome,
                         Instant at) {
    return finish(id, from, to, outcome, at, false);
  }

  /**
   * Like {@link #finish(String, Set, ApprovalStatus, Optional, Instant)}; with {@code messageShown}, also records in
   * the same write that the message shows {@code to} already.
   */
  boolean finish(String id, Set<ApprovalStatus> from, ApprovalStatus to, Optional<String> outcome, Instant at,
                 boolean messageShown);

  /**
   * Writes the history's view of an ended approval under its execution (nothing when the execution is not known),
   * showing it as {@code status}, completed at {@code completedAt} unless the approval says when.
   */
  void link(Approval approval, ApprovalStatus status, Instant completedAt);

  /** The approvals of one approval action, newest first (at most {@code limit}). */
  List<Approval> forAction(String pipeline, String stage, String action, int limit);
}
