package dev.baton.core.approval;

import java.util.Optional;

/**
 * The answer of a conditional write that moves an approval on: {@code done}, with the approval as it stands after
 * the write; or not, with the approval as it stood (why the write did not hold), or empty when there is no such
 * approval. Either way no second read is needed.
 */
public record ApprovalTransition(boolean done, Optional<Approval> approval) {
  public static ApprovalTransition done(Approval now) {
    return new ApprovalTransition(true, Optional.of(now));
  }

  public static ApprovalTransition refused(Optional<Approval> asItStands) {
    return new ApprovalTransition(false, asItStands);
  }
}
