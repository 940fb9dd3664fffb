package dev.baton.core.release;

import java.time.Instant;
import java.util.Optional;

/**
 * What handling one upload came to. {@code completedAt} is when the release was recorded as started or failed (for
 * a duplicate, when the first delivery recorded it).
 */
public record ReleaseOutcome(S3Object object, Kind kind, Optional<String> rule, Optional<String> pipeline,
                             Optional<String> executionId, Optional<String> reason, Optional<Instant> completedAt) {
  public enum Kind {
    /** No rule takes the object. */
    NO_MATCHING_RULE,
    /** This delivery started the pipeline. */
    STARTED,
    /** An earlier delivery of the same upload already started or failed it; nothing was done. */
    DUPLICATE,
    /** The pipeline is frozen: recorded HELD, started once the freeze is over. */
    HELD,
    /** The pipeline is frozen by a freeze that drops releases: recorded DROPPED, never started. */
    DROPPED,
    /** The release cannot start (the reason says why); recorded, not retried. */
    FAILED
  }

  static ReleaseOutcome noRule(S3Object o) {
    return new ReleaseOutcome(o, Kind.NO_MATCHING_RULE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static ReleaseOutcome of(Kind kind, ReleaseRecord r) {
    return new ReleaseOutcome(r.object(), kind, Optional.of(r.rule()), Optional.of(r.pipeline()), r.executionId(),
        r.reason(), r.completedAt());
  }
}
