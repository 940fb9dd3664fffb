package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What follows a recorded decision (or a click that marked an approval expired) while Slack waits for the answer,
 * which must come within 3 seconds: CodePipeline is told (PutApprovalResult) only if under half of the budget is
 * spent, and no longer than up to three quarters of it; the message is updated only if under three quarters is.
 * Whatever does not fit, or fails for now (throttling, 5xx), is handed off; the hand-off runs {@link #finish}, which
 * repeats nothing already done, however often it is delivered. The decision itself is stored before any of this.
 */
public final class DecisionFinisher {
  private final ApprovalCompletion completion;
  private final ApprovalMessages now;
  private final ApprovalMessages later;
  private final Duration budget;
  private final LongSupplier nanoClock;

  /**
   * @param now the message updates for Slack's clock (a short retry budget)
   * @param later the message updates for the hand-off (the default retry budget)
   * @param budget how long the answer to Slack may take, counted from {@code startNanos} of each request
   */
  public DecisionFinisher(ApprovalCompletion completion, ApprovalMessages now, ApprovalMessages later,
                          Duration budget, LongSupplier nanoClock) {
    this.completion = completion;
    this.now = now;
    this.later = later;
    this.budget = budget;
    this.nanoClock = nanoClock;
  }

  /** Finishes {@code approvalId} as far as the budget allows, from a request that started at {@code startNanos}. */
  public void finishWithin(String approvalId, long startNanos, HandOff handOff) {
    long budgetMs = budget.toMillis();
    long left = budgetMs - elapsedMs(startNanos);
    if (left <= budgetMs / 2) {
      handOff(approvalId, handOff, "budget spent before PutApprovalResult");
      return;
    }
    try {
      completion.complete(approvalId, Duration.ofMillis(left - budgetMs / 4));
    } catch (RuntimeException e) {
      handOff(approvalId, handOff, "PutApprovalResult failed for now: " + e.getMessage());
      return;
    }
    if (budgetMs - elapsedMs(startNanos) <= budgetMs / 4) {
      handOff(approvalId, handOff, "budget spent before the message update");
      return;
    }
    try {
      now.publish(approvalId);
    } catch (RuntimeException e) {
      handOff(approvalId, handOff, "message update failed for now: " + e.getMessage());
    }
  }

  /** The handed-off work: CodePipeline, then the message; each only if not done yet. Failures are thrown (retried). */
  public void finish(String approvalId) {
    completion.complete(approvalId);
    later.publish(approvalId);
  }

  private void handOff(String approvalId, HandOff handOff, String why) {
    Log.info("approval handed off to an asynchronous invocation", "approvalId", approvalId, "why", why);
    try {
      handOff.handOff(approvalId);
    } catch (RuntimeException e) {
      Log.error("hand-off failed; finishing here, after the answer's deadline", "approvalId", approvalId,
          "error", e.getMessage());
      try {
        finish(approvalId);
      } catch (RuntimeException again) {
        Log.error("approval not finished: the decision is stored; finish it by invoking the callback with "
            + "{\"batonFinish\": {\"approvalId\": \"" + approvalId + "\"}}", "approvalId", approvalId,
            "error", again.getMessage());
      }
    }
  }

  private long elapsedMs(long startNanos) {
    return (nanoClock.getAsLong() - startNanos) / 1_000_000;
  }
}
