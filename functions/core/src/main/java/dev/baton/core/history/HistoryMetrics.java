package dev.baton.core.history;

/** Where the recorder reports finished executions (CloudWatch Embedded Metric Format in production). */
public interface HistoryMetrics {
  /** Called once per execution attempt that reached a terminal state, when the event that did it is recorded. */
  void executionFinished(ExecutionRecord execution);

  HistoryMetrics NONE = execution -> { };
}
