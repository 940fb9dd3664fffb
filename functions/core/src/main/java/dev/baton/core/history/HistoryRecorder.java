package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionTrigger;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records CodePipeline events in the history: the writes {@link HistoryUpdates} describes, each applied once by the
 * store, and a metric for every execution attempt that ended. Safe under at-least-once, out-of-order and concurrent
 * delivery: a duplicate or stale event changes no state, and each attempt's final state is reported exactly once,
 * by whichever delivery first records it, even when it arrives after a later attempt's events. The registry entry and
 * an execution's identity are written once per execution environment ({@link WrittenOnce}).
 */
public final class HistoryRecorder {
  private final HistoryStore store;
  private final HistoryMetrics metrics;
  private final Optional<Duration> retention;
  private final WrittenOnce writtenOnce = new WrittenOnce();

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
      if (writtenOnce.already(update)) {
        continue;
      }
      HistoryStore.Applied applied = store.apply(update);
      writtenOnce.applied(update);
      writes += applied.writes();
      capacity += applied.capacityUnits();
      if (HistoryUpdates.primary(update)) {
        advanced = applied.advanced();
      }
      if (applied.firstEndOfAttempt() && event instanceof PipelineExecutionEvent e) {
        metrics.executionFinished(attemptEnd(e, applied.before()));
      }
    }
    return new Recorded(event, advanced, writes, capacity);
  }

  /**
   * The execution as the attempt {@code e} ends left it: its state, attempt and end from the event; what every event
   * of the execution agrees on (start, trigger, commit) from the event, else from the history before it.
   */
  static ExecutionRecord attemptEnd(PipelineExecutionEvent e, Optional<ExecutionRecord> before) {
    Optional<ExecutionTrigger> trigger = e.trigger();
    List<Transition> transitions = new ArrayList<>(before.map(ExecutionRecord::transitions).orElse(List.of()));
    transitions.add(new Transition(e.attempt(), e.time(), e.state()));
    return new ExecutionRecord(e.pipeline(), e.executionId(), Optional.of(e.state()), e.attempt(),
        e.header().startTime().or(() -> before.flatMap(ExecutionRecord::startTime)), Optional.of(e.time()),
        Optional.of(e.time()),
        trigger.flatMap(ExecutionTrigger::triggerType).or(() -> before.flatMap(ExecutionRecord::triggerType)),
        trigger.flatMap(ExecutionTrigger::triggerDetail).or(() -> before.flatMap(ExecutionRecord::triggerDetail)),
        trigger.flatMap(ExecutionTrigger::git).or(() -> before.flatMap(ExecutionRecord::commit)),
        e.stopComments().or(() -> before.flatMap(ExecutionRecord::stopComments)),
        before.flatMap(ExecutionRecord::failedStage), before.flatMap(ExecutionRecord::failure),
        transitions.stream().distinct().toList());
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
