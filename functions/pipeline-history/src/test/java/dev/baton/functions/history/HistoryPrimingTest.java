package dev.baton.functions.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The history's priming records an event of each level (execution, stage, action) and of a starting and an ending
 * state; each level's write is one conditional UpdateItem ({@code DynamoHistoryStore}: no read before a write).
 */
class HistoryPrimingTest {
  @Test
  void givenThePriming_thenEachLevelAndStateIsRecordedWithConditionalUpdates() {
    PrimingRun run = HistoryPriming.prime("baton");

    Set<String> update = Set.of("dynamodb:UpdateItem");
    assertEquals(Map.of(), run.failures());
    assertEquals(Map.of("execution started", update, "action started", update, "action failed", update,
        "stage failed", update, "execution failed", update), run.paths());
    assertEquals(List.of("execution started", "action started", "action failed", "stage failed", "execution failed"),
        List.copyOf(run.paths().keySet()));
  }
}
