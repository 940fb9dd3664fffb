package dev.baton.core.history;

import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Records CodePipeline events in the history: the writes {@link HistoryUpdates} describes, each applied once by the
 * store, and a metric for every execution attempt an event finishes. Safe under at-least-once, out-of-order and
 * concurrent delivery: a duplicate or stale event changes no state and emits no metric.
 */
public final class HistoryRecorder {
  private final HistoryStore store;
  private final HistoryMetrics metrics;
  private final Optional<Duration> retention;

  public HistoryRecorder(HistoryStore store, HistoryMetrics metrics, Optional<Duration> retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  public Recorded record(PipelineEvent event) {
    boolean advanced = false;
    int writes = 0;
    double capacity = 0;
    for (HistoryUpdate update : HistoryUpdates.of(event, retention)) {
      HistoryStore.Applied applied = store.apply(update);
      writes += applied.writes();
      capacity += applied.capacityUnits();
      if (HistoryUpdates.primary(update)) {
        advanced = applied.advanced();
        if (event instanceof PipelineExecutionEvent e && applied.advanced() && e.state().terminal()) {
          applied.execution().ifPresent(metrics::executionFinished);
        }
      }
    }
    return new Recorded(event, advanced, writes, capacity);
  }

  /**
   * What recording one event did.
   *
   * @param advanced the event moved its execution, stage or action forward; false for a duplicate or a late event
   *     (whose transition and facts were still merged in)
   * @param writes the write requests it took
   * @param capacityUnits the write capacity they consumed, as the store reports it
   */
  public record Recorded(PipelineEvent event, boolean advanced, int writes, double capacityUnits) {}
}
