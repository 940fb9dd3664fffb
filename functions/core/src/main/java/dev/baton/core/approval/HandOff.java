package dev.baton.core.approval;

/**
 * Queues the rest of an approval's work for a later, asynchronous run ({@link DecisionFinisher#finish}), which the
 * platform retries and parks in a dead-letter queue when it cannot finish.
 */
@FunctionalInterface
public interface HandOff {
  /** @throws RuntimeException when the work cannot be queued */
  void handOff(String approvalId);
}
