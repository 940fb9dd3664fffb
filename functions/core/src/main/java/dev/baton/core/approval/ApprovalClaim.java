package dev.baton.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a click says about the approval it is for, so that it can be authorised and recorded in one conditional write
 * instead of a read and a write: the approval action (which route decides who may decide) and when it expires, as
 * the message's button carries them. A claim is never trusted by itself: the write that records a decision holds
 * only if the stored approval is exactly as claimed ({@link ApprovalStore#decide}), and when it is not, the stored
 * approval comes back and is authorised instead.
 */
public record ApprovalClaim(String id, String pipeline, String stage, String action, Optional<Instant> expires) {
  public ApprovalClaim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(expires, "expires");
  }

  /** The claim a stored approval makes about itself. */
  public static ApprovalClaim of(Approval a) {
    ApprovalRequest r = a.request();
    return new ApprovalClaim(a.id(), r.pipeline(), r.stage(), r.action(), r.expires());
  }

  /** Whether {@code a} is the approval claimed: same id, approval action and expiry. */
  public boolean matches(Approval a) {
    return equals(of(a));
  }

  /** pipeline / stage / action, for logs and messages. */
  public String where() {
    return pipeline + " / " + stage + " / " + action;
  }

  /** Whether the approval has expired at {@code now}, a grace after its {@code expires}. */
  boolean expiredAt(Instant now) {
    return expires.map(x -> !now.isBefore(x.plus(ApprovalDecisions.EXPIRY_GRACE))).orElse(false);
  }
}
