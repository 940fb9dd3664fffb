package dev.baton.core.approval;

import java.time.Duration;
import java.util.Optional;

/**
 * Gives CodePipeline the decision (PutApprovalResult). Answers that end the matter are returned; transient failures
 * (throttling, 5xx, timeouts) are thrown, so the caller retries later.
 */
public interface ApprovalGate {
  /** How CodePipeline took a decision. */
  enum Result {
    /** Recorded: the pipeline goes on (or stops, on a rejection). */
    ACCEPTED,
    /** ApprovalAlreadyCompletedException: answered elsewhere, or timed out. */
    ALREADY_COMPLETED,
    /** InvalidApprovalTokenException: the token is no longer valid (expired, superseded, retried). */
    INVALID_TOKEN,
    /** Refused for good: access denied, pipeline/stage/action not found, invalid request. */
    REFUSED
  }

  /** The result and, for REFUSED, CodePipeline's reason. */
  record Answer(Result result, String detail) {}

  /**
   * Gives CodePipeline the decision on {@code request}; {@code executionId} is the execution waiting on it, when
   * known (pipelines in PARALLEL mode answer to a different token, found through the execution).
   */
  Answer answer(ApprovalRequest request, Optional<String> executionId, Decision decision);

  /** The same gate with every call bounded by {@code timeout} (retries included), for work on a deadline. */
  default ApprovalGate within(Duration timeout) {
    return this;
  }
}
