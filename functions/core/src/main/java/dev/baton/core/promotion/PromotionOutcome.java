package dev.baton.core.promotion;

import java.util.Optional;

/** What one promotion of a succeeded execution came to. */
public record PromotionOutcome(PromotionKey key, String rule, Kind kind, Optional<String> executionId,
                               Optional<String> reason) {
  public enum Kind {
    /** This delivery started the target. */
    STARTED,
    /** An earlier delivery already started, failed, held or dropped it; nothing new was done. */
    DUPLICATE,
    /** The target is frozen: recorded HELD, started by the sweep once the freeze is over. */
    HELD,
    /** The target is frozen by a freeze that drops releases: recorded DROPPED, never started. */
    DROPPED,
    /** The promotion cannot start (the reason says why); recorded, not retried. */
    FAILED
  }

  static PromotionOutcome of(Kind kind, PromotionRecord r) {
    return new PromotionOutcome(r.key(), r.plan().rule(), kind, r.executionId(), r.reason());
  }
}
