package dev.baton.core.release;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The stored provenance of one upload's release: the object, the rule and what it rendered, and how it ended.
 * {@code leaseUntil} is when a STARTING claim may be taken over by a redelivery (the first attempt having died).
 */
public record ReleaseRecord(S3Object object, String rule, String pipeline, Map<String, String> variables,
                            Optional<SourceRevision> sourceRevision, String clientRequestToken,
                            ReleaseStatus status, Instant requestedAt, Optional<Instant> completedAt,
                            Optional<String> executionId, Optional<String> reason, Instant leaseUntil,
                            int attempts, Optional<ReleaseHold> hold) {

  static ReleaseRecord starting(ReleasePlan plan, Instant now, Instant leaseUntil) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.STARTING, now, Optional.empty(), Optional.empty(), Optional.empty(),
        leaseUntil, 1, Optional.empty());
  }

  static ReleaseRecord failed(ReleasePlan plan, Instant now, String reason) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.FAILED, now, Optional.of(now), Optional.empty(), Optional.of(reason),
        now, 1, Optional.empty());
  }

  /** Arrived while its pipeline is frozen: waits, with the plan it will start, until the freeze is over. */
  static ReleaseRecord held(ReleasePlan plan, Instant now, ReleaseHold hold) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.HELD, now, Optional.empty(), Optional.empty(), Optional.empty(),
        now, 0, Optional.of(hold));
  }

  /** Arrived during a freeze that drops releases: recorded with the freeze as its reason, never started. */
  static ReleaseRecord dropped(ReleasePlan plan, Instant now, ReleaseHold hold, String reason) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.DROPPED, now, Optional.of(now), Optional.empty(),
        Optional.of(reason), now, 0, Optional.of(hold));
  }

  /** What this record will start. */
  public ReleasePlan plan() {
    return new ReleasePlan(object, rule, pipeline, variables, sourceRevision, clientRequestToken);
  }

  public boolean isFinal() {
    return status != ReleaseStatus.STARTING && status != ReleaseStatus.HELD;
  }
}
