package dev.baton.core.history;

import java.util.Optional;

/** Where history updates go (DynamoDB in production, dynalite in tests). */
public interface HistoryStore {
  /**
   * Applies one update as one conditional write; if the ranked part is refused (a late or duplicate event), the
   * mergeable part is written on its own.
   */
  Applied apply(HistoryUpdate update);

  /**
   * The outcome of one update.
   *
   * @param advanced the ranked part was written: this event moved the item forward (always true for an unranked
   *     update)
   * @param writes the write requests it took (1, or 2 when a refused ranked write was followed by the merge)
   * @param capacityUnits the write capacity they consumed, as the store reports it (a refused conditional write
   *     counts as 1)
   * @param firstEndOfAttempt for an update that ends an execution attempt: this write is the first that recorded
   *     that attempt's end (true for exactly one delivery of it, whatever the order); false for any other update
   * @param before for an update that ends an execution attempt: the execution as stored before this write, if it
   *     was stored at all
   */
  record Applied(boolean advanced, int writes, double capacityUnits, boolean firstEndOfAttempt,
                 Optional<ExecutionRecord> before) {}
}
