package dev.baton.core.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failed action an execution shows: the last one to fail (by attempt, then time). For an Approval action,
 * failure means the approval was rejected (or timed out) and {@code summary} holds the reviewer's comment.
 */
public record ActionFailure(String stage, String action, String actionExecutionId, String category, String provider,
                            int attempt, Instant at, Optional<String> errorCode, Optional<String> summary,
                            Optional<String> url) {
  public ActionFailure {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
  }

  public boolean approval() {
    return "Approval".equals(category);
  }
}
