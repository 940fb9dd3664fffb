package dev.baton.core.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored message and where it goes. A main notice carries its {@link Alert}; a follow-up carries the main
 * alert it belongs to and the further failed {@link #action}, and goes only to threaded Slack channels.
 *
 * @param finalState the execution attempt's final state once a pipeline event told it (main notices), so a message
 *     sent late still shows where the execution ended
 */
public record Notice(NoticeKey key, Alert alert, Optional<FailedAction> action, List<Target> targets,
                     Optional<String> finalState, Instant createdAt) {
  public Notice {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(action, "action");
    targets = List.copyOf(targets);
    Objects.requireNonNull(finalState, "finalState");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The alert as it reads now: with the final state when one is known. */
  public Alert current() {
    return alert.withState(finalState);
  }
}
