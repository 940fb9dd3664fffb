package dev.baton.core.promotion;

import dev.baton.core.release.ReleaseHold;
import dev.baton.core.release.ReleaseStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored state of one promotion (one source execution, one target), with the plan it starts. Statuses as a
 * release's: STARTING holds a lease a redelivery may take over once it has run out; HELD waits for the target's
 * freeze to end; STARTED, FAILED and DROPPED are final.
 */
public record PromotionRecord(PromotionPlan plan, ReleaseStatus status, Instant requestedAt,
                              Optional<Instant> completedAt, Optional<String> executionId, Optional<String> reason,
                              Instant leaseUntil, int attempts, Optional<ReleaseHold> hold) {

  static PromotionRecord starting(PromotionPlan plan, Instant now, Instant leaseUntil) {
    return new PromotionRecord(plan, ReleaseStatus.STARTING, now, Optional.empty(), Optional.empty(), Optional.empty(),
        leaseUntil, 1, Optional.empty());
  }

  static PromotionRecord failed(PromotionPlan plan, Instant now, String reason) {
    return new PromotionRecord(plan, ReleaseStatus.FAILED, now, Optional.of(now), Optional.empty(),
        Optional.of(reason), now, 1, Optional.empty());
  }

  static PromotionRecord held(PromotionPlan plan, Instant now, ReleaseHold hold) {
    return new PromotionRecord(plan, ReleaseStatus.HELD, now, Optional.empty(), Optional.empty(), Optional.empty(),
        now, 0, Optional.of(hold));
  }

  static PromotionRecord dropped(PromotionPlan plan, Instant now, ReleaseHold hold, String reason) {
    return new PromotionRecord(plan, ReleaseStatus.DROPPED, now, Optional.of(now), Optional.empty(),
        Optional.of(reason), now, 0, Optional.of(hold));
  }

  public PromotionKey key() {
    return plan.key();
  }

  public boolean isFinal() {
    return status != ReleaseStatus.STARTING && status != ReleaseStatus.HELD;
  }
}
