package dev.baton.core.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateOrderTest {
  private static final Instant T = Instant.parse("2026-11-20T09:14:05Z");

  @Test
  void aLaterAttemptBeatsEverythingOfAnEarlierOne() {
    assertTrue(rank(1, ExecutionState.FAILED, T.plusSeconds(600)).compareTo(rank(2, ExecutionState.RESUMED, T)) < 0);
  }

  @Test
  void terminalStatesBeatRunningOnesWhateverTheClockSays() {
    // a STARTED stamped a second after SUCCEEDED (clock skew between CodePipeline hosts) still loses
    assertTrue(rank(1, ExecutionState.STARTED, T.plusSeconds(1)).compareTo(rank(1, ExecutionState.SUCCEEDED, T)) < 0);
    assertTrue(rank(1, ExecutionState.STOPPING, T.plusSeconds(5)).compareTo(rank(1, ExecutionState.STOPPED, T)) < 0);
    assertTrue(rank(1, ExecutionState.STARTED, T).compareTo(rank(1, ExecutionState.STOPPING, T)) < 0);
  }

  @Test
  void ranksCompareAsStringsAcrossDigitBoundaries() {
    assertTrue(rank(9, ExecutionState.SUCCEEDED, T).compareTo(rank(10, ExecutionState.STARTED, T)) < 0);
    assertTrue(rank(1, ExecutionState.FAILED, Instant.ofEpochMilli(999)).compareTo(
        rank(1, ExecutionState.FAILED, Instant.ofEpochMilli(1000))) < 0);
  }

  @Test
  void transitionsRoundTrip() {
    Transition t = new Transition(2, T, ExecutionState.RESUMED);
    assertTrue(Transition.decode(t.encode()).equals(t));
  }

  private static String rank(int attempt, ExecutionState s, Instant t) {
    return StateOrder.rank(attempt, s, t);
  }
}
