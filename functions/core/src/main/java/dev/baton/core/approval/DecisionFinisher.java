package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What follows a recorded decision (or a click that marked an approval expired) while Slack waits for the answer,
 * which must come within 3 seconds: CodePipeline is told (PutApprovalResult) only if under half of the budget is
 * spent, and no longer than up to three quarters of it; the message is updated only if under three quarters is.
 * Whatever does not fit, or fails for now (throttling, 5xx), is handed off; the hand-off runs {@link #finish}, which
 * repeats nothing already done, however often it is delivered. The decision itself is stored before any of this;
 * the outcome is recorded after the message update, in the same write as what the message shows. An approval that
 * overrode a freeze is then announced in its channel ({@link OverrideAnnouncements}), in the time left or handed off.
 */
public final class DecisionFinisher {
  private final ApprovalCompletion completion;
  private final ApprovalMessages now;
  private final ApprovalMessages later;
  private final OverrideAnnouncements announceNow;
  private final OverrideAnnouncements announceLater;
  private final Duration budget;
  private final LongSupplier nanoClock;

  /**
   * @param now the message updates for Slack's clock (a short retry budget)
   * @param later the message updates for the hand-off (the default retry budget)
   * @param announceNow break-glass announcements for Slack's clock; {@code announceLater} for the hand-off
   * @param budget how long the answer to Slack may take, counted from {@code startNanos} of each request
   */
  public DecisionFinisher(ApprovalCompletion completion, ApprovalMessages now, ApprovalMessages later,
                          OverrideAnnouncements announceNow, OverrideAnnouncements announceLater, Duration budget,
                          LongSupplier nanoClock) {
    this.completion = completion;
    this.now = now;
    this.later = later;
    this.announceNow = announceNow;
    this.announceLater = announceLater;
    this.budget = budget;
    this.nanoClock = nanoClock;
  }

  /**
   * Finishes {@code a}, an approval just decided (or just marked expired) as the write that recorded it returned it,
   * as far as the budget allows, from a request that started at {@code startNanos}. Reads nothing: PutApprovalResult,
   * the message update, then one write recording the outcome and that the message shows it. Returns the approval as
   * it stands now: as CodePipeline's answer ended it, or {@code a} when that answer was handed off (or not due), so
   * a caller that shows it (a Teams card's answer) need not read it again.
   */
  public Approval finishWithin(Approval a, long startNanos, HandOff handOff) {
    long budgetMs = budget.toMillis();
    if (!a.status().deciding()) {
      if (budgetMs - elapsedMs(startNanos) <= budgetMs / 4) {
        handOff(a.id(), handOff, "budget spent before the message update");
        return a;
      }
      try {
        now.publish(a);
      } catch (RuntimeException e) {
        handOff(a.id(), handOff, "message update failed for now: " + e.getMessage());
      }
      return a;
    }
    long left = budgetMs - elapsedMs(startNanos);
    if (left <= budgetMs / 2) {
      handOff(a.id(), handOff, "budget spent before PutApprovalResult");
      return a;
    }
    Approval ended;
    try {
      ended = completion.answer(a, Duration.ofMillis(left - budgetMs / 4));
    } catch (RuntimeException e) {
      handOff(a.id(), handOff, "PutApprovalResult failed for now: " + e.getMessage());
      return a;
    }
    boolean shown = false;
    String why = null;
    if (budgetMs - elapsedMs(startNanos) <= budgetMs / 4) {
      why = "budget spent before the message update";
    } else {
      try {
        shown = now.show(ended);
      } catch (RuntimeException e) {
        why = "message update failed for now: " + e.getMessage();
      }
    }
    try {
      completion.record(ended, shown);
    } catch (RuntimeException e) {
      why = "the outcome could not be recorded for now: " + e.getMessage();
    }
    if (why == null && OverrideAnnouncements.due(ended)) {
      if (budgetMs - elapsedMs(startNanos) <= budgetMs / 4) {
        why = "budget spent before the break-glass announcement";
      } else {
        try {
          announceNow.announce(ended);
        } catch (RuntimeException e) {
          why = "break-glass announcement failed for now: " + e.getMessage();
        }
      }
    }
    if (why != null) {
      handOff(a.id(), handOff, why);
    }
    return ended;
  }

  /**
   * The handed-off work: CodePipeline, then the message, then a break-glass announcement; each only if not done yet.
   * Failures are thrown (retried).
   */
  public void finish(String approvalId) {
    Approval a = completion.complete(approvalId);
    later.publish(a);
    announceLater.announce(a);
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
