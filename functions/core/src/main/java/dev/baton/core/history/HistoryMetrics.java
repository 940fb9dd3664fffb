package dev.baton.core.history;

/** Where the recorder reports finished executions (CloudWatch Embedded Metric Format in production). */
public interface HistoryMetrics {
  /**
   * Called once per execution attempt that reached a terminal state, when the first delivery of the event that says
   * so is recorded (in any order: attempt 1's FAILED may come after attempt 2's events). {@code execution} is the
   * execution as that attempt ended: its state, attempt and end time.
   */
  void executionFinished(ExecutionRecord execution);

  HistoryMetrics NONE = execution -> { };
}
