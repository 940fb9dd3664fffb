package dev.baton.core.history;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One order-independent write to one history item, as data; the store turns it into a single conditional UpdateItem.
 *
 * <ul>
 *   <li>{@code winner} fields are set (and {@code winnerRemovals} removed) only if {@code rank} is greater than the
 *       rank stored in {@code rankAttribute} (or none is stored): the item shows the state of the highest-ranked
 *       event, whatever order the events came in. An equal rank is a duplicate and changes nothing.</li>
 *   <li>{@code constants} are facts every event that carries them agrees on (the trigger, the start time, the action
 *       type): written with {@code if_not_exists}, in the same write, and again without the rank condition if the
 *       ranked write was refused (a late or duplicate event), so no order loses them.</li>
 *   <li>{@code transition} is added to the item's {@code transitions} string set, likewise always.</li>
 *   <li>{@code endedAttempt} (a pipeline event that ends an execution attempt) is added to the item's
 *       {@code endedAttempts} number set, likewise always; the store reports whether it was not there before, which
 *       is true for exactly one of all the deliveries of that attempt's end, in whatever order they come.</li>
 * </ul>
 * Values are {@code String}, {@code Long}, {@code List<String>} or {@code Map<String, String>}.
 */
public record HistoryUpdate(Kind kind, String pk, String sk, String rankAttribute, String rank,
                            Map<String, Object> winner, Set<String> winnerRemovals, Map<String, Object> constants,
                            Optional<String> transition, Optional<Long> endedAttempt) {
  /** What the write records, for the caller and the metrics. */
  public enum Kind { EXECUTION, EXECUTION_SEEN, STAGE, ACTION, STAGE_FAILURE, ACTION_FAILURE, PIPELINE }

  /** An update that ends no execution attempt. */
  public HistoryUpdate(Kind kind, String pk, String sk, String rankAttribute, String rank, Map<String, Object> winner,
                       Set<String> winnerRemovals, Map<String, Object> constants, Optional<String> transition) {
    this(kind, pk, sk, rankAttribute, rank, winner, winnerRemovals, constants, transition, Optional.empty());
  }

  public HistoryUpdate {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pk, "pk");
    Objects.requireNonNull(sk, "sk");
    winner = Map.copyOf(winner);
    winnerRemovals = Set.copyOf(winnerRemovals);
    constants = Map.copyOf(constants);
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(endedAttempt, "endedAttempt");
    if (rankAttribute == null != (rank == null)) {
      throw new IllegalArgumentException("rankAttribute and rank go together");
    }
    for (String name : winner.keySet()) {
      if (constants.containsKey(name) || winnerRemovals.contains(name)) {
        throw new IllegalArgumentException(name + " is written twice");
      }
    }
    for (Object v : winner.values()) {
      check(v);
    }
    for (Object v : constants.values()) {
      check(v);
    }
  }

  /** An unranked write: constants (and a transition) only. */
  public boolean ranked() {
    return rank != null;
  }

  /** True if a refused ranked write still has something to add: constants, a transition or an ended attempt. */
  public boolean hasMergeablePart() {
    return !constants.isEmpty() || transition.isPresent() || endedAttempt.isPresent();
  }

  private static void check(Object v) {
    if (!(v instanceof String || v instanceof Long || v instanceof List || v instanceof Map)) {
      throw new IllegalArgumentException("unsupported value " + v);
    }
  }
}
