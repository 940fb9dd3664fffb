package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One state change of an execution, stage or action, as stored in the item's {@code transitions} string set
 * ({@code 00001|2026-11-20T09:14:05Z|STARTED}). A set keeps every change once, whatever the order and however often
 * it was delivered: the full story of retries next to the current state.
 */
public record Transition(int attempt, Instant time, ExecutionState state) implements Comparable<Transition> {
  private static final Comparator<Transition> ORDER = Comparator.comparingInt(Transition::attempt)
      .thenComparing(Transition::time).thenComparing(t -> StateOrder.phase(t.state())).thenComparing(Transition::state);

  public Transition {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(state, "state");
  }

  public String encode() {
    return String.format("%05d|%s|%s", attempt, time, state.name());
  }

  public static Transition decode(String text) {
    String[] parts = text.split("\\|");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a stored transition: " + text);
    }
    return new Transition(Integer.parseInt(parts[0]), Instant.parse(parts[1]), ExecutionState.valueOf(parts[2]));
  }

  @Override
  public int compareTo(Transition other) {
    return ORDER.compare(this, other);
  }
}
