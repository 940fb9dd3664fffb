package dev.baton.core.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * Where alerting keeps what it must remember across deliveries of events: the notices (one per key: the dedupe),
 * the delivery log with its per-target claims, the Slack threads, and each pipeline's last outcome. Every write
 * that must happen once is conditional.
 */
public interface AlertStore {

  /** The notice at {@code key} with its delivery log, read consistently in one request. */
  Optional<NoticeState> load(NoticeKey key);

  /** Stores {@code notice} if its key is free and returns empty; otherwise returns the notice stored there. */
  Optional<Notice> createNotice(Notice notice);

  /** Records the attempt's final state on its main notice, if that notice exists. */
  void recordFinalState(NoticeKey main, String state);

  /**
   * Claims the delivery of a notice to a target until {@code leaseUntil}: granted when it was never tried, failed
   * before, or its previous holder's lease ran out; otherwise the stored entry is returned (sent, rejected, or
   * being sent by a live invocation).
   */
  Claim claim(NoticeKey notice, Target target, Instant now, Instant leaseUntil);

  void delivered(NoticeKey notice, Target target, Receipt receipt, Instant now);

  /** Records a failed delivery: {@code permanent} ones are REJECTED (not retried), others FAILED (retried). */
  void failed(NoticeKey notice, Target target, String error, boolean permanent, Instant now);

  Optional<SlackThread> findThread(String pipeline, String executionId, String channel);

  /** Stores the thread unless one exists for the execution and channel; returns the one that is stored. */
  SlackThread saveThread(SlackThread thread);

  /** Records that the parent now shows {@code status}, unless it already shows a newer one; true if recorded. */
  boolean threadRendered(SlackThread thread, ExecutionStatus status);

  /**
   * Records that {@code executionId} attempt {@code attempt} ended in {@code state} at {@code at} and returns the
   * outcome recorded before it. A redelivery of the same outcome returns the same answer again.
   */
  PreviousOutcome recordOutcome(String pipeline, String executionId, int attempt, String state, Instant at);

  /** The S3 upload a Baton release started the execution with (the release link item), if any. */
  Optional<Provenance.S3Upload> releaseOf(String pipeline, String executionId);
}
