package dev.baton.core.release;

import java.time.Instant;
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
  void markFailed(S3Object object, String reason, Instant now);

  /** Gives the claim up after a transient failure, so the next delivery retries at once. */
  void releaseLease(S3Object object, String lastError);
}
