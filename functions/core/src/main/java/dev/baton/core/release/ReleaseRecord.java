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
                            int attempts) {

  static ReleaseRecord starting(ReleasePlan plan, Instant now, Instant leaseUntil) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.STARTING, now, Optional.empty(), Optional.empty(), Optional.empty(),
        leaseUntil, 1);
  }

  static ReleaseRecord failed(ReleasePlan plan, Instant now, String reason) {
    return new ReleaseRecord(plan.object(), plan.rule(), plan.pipeline(), plan.variables(), plan.sourceRevision(),
        plan.clientRequestToken(), ReleaseStatus.FAILED, now, Optional.of(now), Optional.empty(), Optional.of(reason),
        now, 1);
  }

  public boolean isFinal() {
    return status != ReleaseStatus.STARTING;
  }
}
