package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A stage of an execution: its current state, its times and every state change (RESUMED after a retry included). */
public record StageRecord(String stage, ExecutionState status, int attempt, Optional<Instant> startedAt,
                          Optional<Instant> endedAt, Optional<Instant> lastChangeAt, List<Transition> transitions) {
  public StageRecord {
    transitions = transitions.stream().sorted().toList();
  }

  /** When it first ran: the STARTED time, else its first recorded change. */
  public Optional<Instant> firstSeen() {
    return startedAt.or(() -> transitions.stream().map(Transition::time).min(Instant::compareTo));
  }

  public Optional<Duration> duration() {
    return firstSeen().flatMap(s -> endedAt.map(e -> Duration.between(s, e)));
  }
}
