package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline execution as the history holds it.
 *
 * @param status the state of the highest-ranked pipeline event ({@link StateOrder}); empty while only stage or
 *     action events of the execution have arrived ({@link #partial()})
 * @param attempt the attempt of that event (2, 3, ... after a retry)
 * @param startTime when the execution started ({@code detail.start-time})
 * @param endTime when it reached its current terminal state; empty while it runs
 * @param failedStage the stage that failed last (highest attempt), if any did
 * @param failure the action that failed last (highest attempt), with its error, if any did
 * @param transitions every pipeline-level state change, in order
 */
public record ExecutionRecord(String pipeline, String executionId, Optional<ExecutionState> status, int attempt,
                              Optional<Instant> startTime, Optional<Instant> endTime, Optional<Instant> lastChangeAt,
                              Optional<String> triggerType, Optional<String> triggerDetail, Optional<GitCommit> commit,
                              Optional<String> stopComments, Optional<String> failedStage,
                              Optional<ActionFailure> failure, List<Transition> transitions) {
  public ExecutionRecord {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    transitions = transitions.stream().sorted().toList();
  }

  /** End minus start, once the execution has ended. */
  public Optional<Duration> duration() {
    return startTime.flatMap(s -> endTime.map(e -> Duration.between(s, e)));
  }

  /**
   * Known only from stage or action events so far: its pipeline events are late, or were parked in the dead-letter
   * queue. What they said (start, failure) is known; its state is not.
   */
  public boolean partial() {
    return status.isEmpty();
  }

  public boolean finished() {
    return status.map(ExecutionState::terminal).orElse(false);
  }

  /** Retries: the number of attempts after the first. */
  public int retries() {
    return Math.max(0, transitions.stream().mapToInt(Transition::attempt).max().orElse(attempt) - 1);
  }
}
