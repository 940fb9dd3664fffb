package dev.baton.core.alerts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery log entry of one notice to one target: what happened to it, how often it was tried, what the channel
 * answered.
 *
 * @param leaseUntil while {@link Status#SENDING}: until when the invocation sending it may still be running
 */
public record Delivery(NoticeKey notice, Target target, Status status, int attempts, Optional<Receipt> receipt,
                       Optional<String> lastError, Instant leaseUntil) {
  /** Where a delivery stands. */
  public enum Status {
    /** An invocation is sending it now (until its lease runs out). */
    SENDING,
    /** Delivered; {@link #receipt} says where. */
    SENT,
    /** Failed in a way that may pass (throttling, 5xx, timeout): the next try sends it. */
    FAILED,
    /** Refused for good (unknown channel, bad token, no such topic): not retried; the log says what to fix. */
    REJECTED
  }

  public Delivery {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }

  public boolean done() {
    return status == Status.SENT || status == Status.REJECTED;
  }
}
