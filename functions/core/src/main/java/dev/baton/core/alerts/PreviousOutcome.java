package dev.baton.core.alerts;

import java.util.Optional;

/**
 * What a pipeline's previous finished execution attempt was, as seen when this one finished: the basis of recovery
 * notices. {@link #stale} means this event is older than the latest outcome already recorded (an out-of-order
 * delivery), so it says nothing about recovery.
 */
public record PreviousOutcome(Optional<String> state, Optional<String> executionId, int attempt, boolean stale) {
  public static final PreviousOutcome NONE = new PreviousOutcome(Optional.empty(), Optional.empty(), 0, false);
  public static final PreviousOutcome STALE = new PreviousOutcome(Optional.empty(), Optional.empty(), 0, true);

  public boolean failed() {
    return !stale && state.filter("FAILED"::equals).isPresent();
  }
}
