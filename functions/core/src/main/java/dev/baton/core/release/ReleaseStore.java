package dev.baton.core.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where release records live. Every write is conditional, so of two racing deliveries of one upload exactly one
 * claims it, and a finished release is never written again.
 */
public interface ReleaseStore {

  /** Stores {@code record} if the upload has no record yet; otherwise returns the record that is there. */
  Optional<ReleaseRecord> claim(ReleaseRecord record);

  /** The record of an upload, read consistently. */
  Optional<ReleaseRecord> find(S3Object object);

  /** Takes over a STARTING claim whose lease has run out; false when someone else holds or finished it. */
  boolean takeOver(S3Object object, Instant now, Instant newLeaseUntil);

  /** STARTING -> STARTED, with the execution CodePipeline gave (and the link from that execution to the release). */
  void markStarted(ReleaseRecord record, String executionId, Instant now);

  /** STARTING -> FAILED, with the reason. */
  void markFailed(S3Object object, String pipeline, String reason, Instant now);

  /** Gives the claim up after a transient failure, so the next delivery retries at once. */
  void releaseLease(S3Object object, String lastError);

  /**
   * The releases that arrived during a freeze and have not started yet: HELD, or STARTING after their hold (until
   * STARTED or FAILED). Read from an index, never by a scan.
   */
  List<ReleaseRecord> waiting();

  /** HELD -> STARTING with a lease; false when another sweep (or nobody: it is not HELD) got there first. */
  boolean releaseHold(S3Object object, Instant now, Instant leaseUntil);
}
