package dev.baton.core.approval;

import dev.baton.core.freeze.Freeze;
import java.time.Instant;
import java.util.Objects;

/**
 * An approval made during a freeze by someone of the break-glass group (the decision's {@code by}): why, and which
 * freeze it overrode (its name, as {@link Freeze#describe} reads, and until when it froze the pipeline).
 */
public record BreakGlassOverride(String reason, String freeze, Instant frozenUntil) {
  public BreakGlassOverride {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(freeze, "freeze");
    Objects.requireNonNull(frozenUntil, "frozenUntil");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a break-glass override needs a reason");
    }
  }

  public static BreakGlassOverride of(Freeze f, String reason) {
    return new BreakGlassOverride(reason.strip(), f.describe(), f.until());
  }
}
