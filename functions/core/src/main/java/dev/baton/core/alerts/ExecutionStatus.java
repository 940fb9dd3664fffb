package dev.baton.core.alerts;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an execution stands as its Slack thread's parent shows it: the latest attempt Baton heard of and that
 * attempt's final state (empty while it runs).
 */
public record ExecutionStatus(int attempt, Optional<String> state) {
  public ExecutionStatus {
    Objects.requireNonNull(state, "state");
  }

  /** True when this status is newer than {@code other}: a later attempt, or the same attempt now ended. */
  public boolean isAfter(ExecutionStatus other) {
    return attempt > other.attempt || attempt == other.attempt && state.isPresent() && other.state.isEmpty();
  }

  /** {@code 1:FAILED}, {@code 2:} (running): how the thread item stores it. */
  public String encode() {
    return attempt + ":" + state.orElse("");
  }

  public static ExecutionStatus decode(String text) {
    int colon = text.indexOf(':');
    String state = text.substring(colon + 1);
    return new ExecutionStatus(Integer.parseInt(text.substring(0, colon)),
        state.isEmpty() ? Optional.empty() : Optional.of(state));
  }
}
