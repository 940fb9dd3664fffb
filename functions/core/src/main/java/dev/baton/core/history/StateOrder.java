package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Instant;

/**
 * The order in which the states of one pipeline execution, stage or action follow each other, so that events
 * applied in any order leave the state the last one in real order would.
 *
 * <p>A rank is {@code attempt | phase | time | state}, fixed-width, so it compares as a string (DynamoDB compares
 * strings byte-wise): a later attempt beats everything of an earlier one (a late FAILED of attempt 1 never overwrites
 * the RESUMED of attempt 2); within an attempt, running (STARTED, RESUMED) comes before STOPPING, which comes before
 * the terminal states; then the later event wins, then the state name, so that two different events never tie.
 */
public final class StateOrder {
  private StateOrder() {}

  public static int phase(ExecutionState state) {
    return switch (state) {
      case STARTED, RESUMED -> 1;
      case STOPPING -> 2;
      case SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELED, ABANDONED -> 3;
    };
  }

  public static String rank(int attempt, ExecutionState state, Instant time) {
    return String.format("%05d|%d|%013d|%s", attempt, phase(state), time.toEpochMilli(), state.name());
  }
}
