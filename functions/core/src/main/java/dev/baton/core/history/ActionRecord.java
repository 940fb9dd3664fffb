package dev.baton.core.history;

import dev.baton.core.pipeline.ActionType;
import dev.baton.core.pipeline.ExecutionResult;
import dev.baton.core.pipeline.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of an action (one {@code action-execution-id}; a retried action has one record per attempt), with the
 * provider's link, id and summary and the error code of a failure.
 *
 * @param inputArtifacts {@code name s3://bucket/key} of each input artifact
 * @param outputArtifacts likewise, for the outputs
 */
public record ActionRecord(String stage, String action, String actionExecutionId, int attempt, ExecutionState status,
                           ActionType type, Optional<String> region, Optional<Instant> startedAt,
                           Optional<Instant> endedAt, Optional<Instant> lastChangeAt, ExecutionResult result,
                           List<String> inputArtifacts, List<String> outputArtifacts, List<Transition> transitions) {
  public ActionRecord {
    inputArtifacts = List.copyOf(inputArtifacts);
    outputArtifacts = List.copyOf(outputArtifacts);
    transitions = transitions.stream().sorted().toList();
  }

  public Optional<Instant> firstSeen() {
    return startedAt.or(() -> transitions.stream().map(Transition::time).min(Instant::compareTo));
  }

  public Optional<Duration> duration() {
    return firstSeen().flatMap(s -> endedAt.map(e -> Duration.between(s, e)));
  }
}
