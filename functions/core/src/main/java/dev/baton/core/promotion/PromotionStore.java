package dev.baton.core.promotion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where promotion records live. Every write is conditional: of two racing deliveries of one succeeded execution
 * exactly one claims each promotion, and a finished promotion is never written again.
 */
public interface PromotionStore {
  /** Stores {@code record} if the promotion has no record yet; otherwise returns the record that is there. */
  Optional<PromotionRecord> claim(PromotionRecord record);

  /** Takes over a STARTING claim whose lease has run out; false when someone else holds or finished it. */
  boolean takeOver(PromotionKey key, Instant now, Instant newLeaseUntil);

  /**
   * STARTING -> STARTED with the target's execution, and the link from that execution to its source (what
   * {@code ./baton history show} and {@code ./baton dora} read).
   */
  void markStarted(PromotionRecord record, String executionId, Instant now);

  /** STARTING -> FAILED, with the reason. */
  void markFailed(PromotionKey key, String reason, Instant now);

  /** Gives the claim up after a transient failure, so the next delivery retries at once. */
  void releaseLease(PromotionKey key, String lastError);

  /** The promotions held by a freeze that have not started yet (HELD, or STARTING after their hold); no scan. */
  List<PromotionRecord> waiting();

  /** HELD -> STARTING with a lease; false when another sweep got there first. */
  boolean releaseHold(PromotionKey key, Instant now, Instant leaseUntil);
}
