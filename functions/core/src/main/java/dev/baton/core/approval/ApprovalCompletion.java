package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The CodePipeline side of a decision recorded in Slack: PutApprovalResult, and the outcome recorded once (a
 * conditional write from APPROVING/REJECTING). Run again, it does nothing: only a deciding approval is completed.
 */
public final class ApprovalCompletion {
  private final ApprovalStore store;
  private final ApprovalGate gate;
  private final Clock clock;

  public ApprovalCompletion(ApprovalStore store, ApprovalGate gate, Clock clock) {
    this.store = store;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * Gives CodePipeline a recorded decision (PutApprovalResult) and records the outcome. Does nothing unless the
   * approval is APPROVING/REJECTING; a transient failure is thrown and leaves it so, for a retry. Returns the
   * approval as it ended (or as it stands, when it was not deciding).
   */
  public Approval complete(String approvalId) {
    Approval a = store.find(approvalId).orElseThrow(() -> new IllegalStateException("no approval " + approvalId));
    if (!a.status().deciding() || a.decision().isEmpty()) {
      return a;
    }
    Approval ended = answer(a, gate);
    record(ended, false);
    return ended;
  }

  /**
   * PutApprovalResult for {@code decided} (a deciding approval, as its decision was recorded) with CodePipeline's
   * answer bounded by {@code within} (retries included): the approval as it ended, not recorded yet
   * ({@link #record}). A transient failure is thrown.
   */
  public Approval answer(Approval decided, Duration within) {
    return answer(decided, gate.within(within));
  }

  /**
   * Records how {@code ended} ended (from APPROVING/REJECTING, once), with {@code messageShown} also that its message
   * shows it already; false when it was not deciding any more.
   */
  public boolean record(Approval ended, boolean messageShown) {
    boolean recorded = store.finish(ended.id(), EnumSet.of(ApprovalStatus.APPROVING, ApprovalStatus.REJECTING),
        ended.status(), ended.outcome(), ended.completedAt().orElseGet(clock::instant), messageShown);
    Log.info("approval completed", "approvalId", ended.id(), "status", ended.status().name(),
        "recorded", recorded, "pipeline", ended.request().pipeline(), "executionId",
        ended.executionId().orElse(null));
    return recorded;
  }

  private Approval answer(Approval a, ApprovalGate via) {
    Decision d = a.decision().orElseThrow(() -> new IllegalStateException("no decision on " + a.id()));
    ApprovalGate.Answer answer = via.answer(a.request(), a.executionId(), d);
    ApprovalStatus to;
    Optional<String> note;
    switch (answer.result()) {
      case ACCEPTED -> {
        to = d.done();
        note = Optional.empty();
      }
      case ALREADY_COMPLETED -> {
        to = ApprovalStatus.ALREADY_COMPLETED;
        note = Optional.of("CodePipeline had already completed this approval (decided in the console or timed out), "
            + "so the " + (d.approve() ? "approval" : "rejection") + " by " + d.by().name() + " was not applied.");
      }
      case INVALID_TOKEN -> {
        to = ApprovalStatus.EXPIRED;
        note = Optional.of("This approval request had expired or was replaced by a newer run, so the "
            + (d.approve() ? "approval" : "rejection") + " by " + d.by().name() + " was not applied.");
      }
      default -> {
        to = ApprovalStatus.FAILED;
        note = Optional.of("CodePipeline refused the " + (d.approve() ? "approval" : "rejection") + ": "
            + answer.detail());
      }
    }
    Log.info("CodePipeline answered the approval", "approvalId", a.id(), "gate", answer.result().name());
    return a.withStatus(to, note, Optional.of(clock.instant()));
  }
}
