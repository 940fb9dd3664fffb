package dev.baton.core.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The release records as a release asked for from chat reads and writes them. A requested release is a release
 * record of its own (the artifact, rule, variables and source pin of the record it repeats, a token of its own, and
 * who asked), claimed with a conditional write so that a request starts at most one execution.
 */
public interface ReleaseRequests {
  /** The newest {@code limit} release records of {@code pipeline} (uploads and requests), newest first. */
  List<Released> released(String pipeline, int limit);

  /** The release record {@code ref} of {@code bucket}/{@code key}, read consistently. */
  Optional<Released> find(String bucket, String key, String ref);

  /** Stores the request's record if it has none yet; otherwise returns the one that is there. */
  Optional<Released> claimRequest(String requestId, ReleaseRecord record, Requester by);

  /** Takes over the request's STARTING claim whose lease has run out; false when someone else holds or finished it. */
  boolean takeOverRequest(String requestId, ReleaseRecord record, Instant now, Instant newLeaseUntil);

  /** STARTING -> STARTED, and the link from the execution to the release, with who asked. */
  void markRequestStarted(String requestId, ReleaseRecord record, Requester by, String executionId, Instant now);

  /** STARTING -> FAILED, with the reason. */
  void markRequestFailed(String requestId, ReleaseRecord record, String reason, Instant now);

  /** Gives the claim up after a transient failure, so a second confirmation retries at once. */
  void releaseRequestLease(String requestId, ReleaseRecord record, String lastError);
}
