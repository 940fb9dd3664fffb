package dev.baton.core.freeze;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer to "is this pipeline frozen now?": by what ({@code name}: the configured freeze, or {@code ad hoc}),
 * why, who declared it (ad-hoc freezes), since when, until when the pipeline stays frozen (overlapping and adjoining
 * freezes included), and what becomes of a release meanwhile.
 */
public record Freeze(String name, String reason, Optional<String> by, Instant since, Instant until,
                     WhenFrozen whenFrozen) {
  public static final String AD_HOC = "ad hoc";

  Freeze until(Instant end) {
    return new Freeze(name, reason, by, since, end, whenFrozen);
  }

  /** {@code weekend (No deploys over the weekend)}, or {@code ad hoc by U0ALICE (incident 4711)}. */
  public String describe() {
    return name + by.map(b -> " by " + b).orElse("") + (reason.isBlank() ? "" : " (" + reason + ")");
  }
}
