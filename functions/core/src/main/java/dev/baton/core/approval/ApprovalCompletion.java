package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
   * approval is APPROVING/REJECTING; a transient failure is thrown and leaves it so, for a retry.
   */
  public Optional<Approval> complete(String approvalId) {
    return complete(approvalId, gate);
  }

  /** {@link #complete(String)} with CodePipeline's answer bounded by {@code within} (retries included). */
  public Optional<Approval> complete(String approvalId, Duration within) {
    return complete(approvalId, gate.within(within));
  }

  private Optional<Approval> complete(String approvalId, ApprovalGate via) {
    Approval a = store.find(approvalId).orElseThrow(() -> new IllegalStateException("no approval " + approvalId));
    if (!a.status().deciding() || a.decision().isEmpty()) {
      return Optional.of(a);
    }
    Decision d = a.decision().get();
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
    Instant now = clock.instant();
    store.finish(approvalId, EnumSet.of(ApprovalStatus.APPROVING, ApprovalStatus.REJECTING), to, note, now);
    Log.info("approval completed", "approvalId", approvalId, "status", to.name(), "gate", answer.result().name(),
        "pipeline", a.request().pipeline(), "executionId", a.executionId().orElse(null));
    return store.find(approvalId);
  }
}
