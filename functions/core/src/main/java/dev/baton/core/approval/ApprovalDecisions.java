package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Decisions made in Slack. {@link #click} and {@link #submitReason} check the person and record the decision once
 * (PENDING to APPROVING/REJECTING by a conditional write: of a double click or ten racing approvers exactly one
 * wins, the others are told who decided). {@link #complete} then gives CodePipeline the decision, and
 * {@link #publish} shows the outcome in the message; both may run later, elsewhere (an async hand-off), and again:
 * each repeats nothing that is done.
 */
public final class ApprovalDecisions {
  /** What a click or a submitted reason led to. */
  public enum Outcome {
    /** This decision won; complete and publish it next. */
    DECIDED,
    /** The reject form was opened. */
    REASON_ASKED,
    /** The person may not decide this approval; they were told. */
    NOT_ALLOWED,
    /** Someone or something decided first; they were told who. */
    ALREADY_DECIDED,
    /** No such approval (its record expired); they were told. */
    UNKNOWN
  }

  /** The outcome, and for NOT_ALLOWED / ALREADY_DECIDED / UNKNOWN what the person was told. */
  public record Result(Outcome outcome, String note) {}

  private final ApprovalStore store;
  private final Authorizer authorizer;
  private final ApprovalGate gate;
  private final ApprovalMessenger messenger;
  private final Clock clock;

  public ApprovalDecisions(ApprovalStore store, Authorizer authorizer, ApprovalGate gate, ApprovalMessenger messenger,
                           Clock clock) {
    this.store = store;
    this.authorizer = authorizer;
    this.gate = gate;
    this.messenger = messenger;
    this.clock = clock;
  }

  /**
   * A click on Approve ({@code approve}) or Reject. Approve records the decision; Reject opens the reason form
   * (nothing is recorded until the reason is submitted).
   */
  public Result click(String approvalId, boolean approve, SlackUser user, String channel, String channelName,
                      String triggerId) {
    Optional<Approval> found = store.find(approvalId);
    if (found.isEmpty()) {
      return tell(channel, user, Outcome.UNKNOWN, "Baton no longer knows this approval (its record has expired).");
    }
    Approval a = found.get();
    Optional<String> refusal = authorizer.refusal(a, user, approve);
    if (refusal.isPresent()) {
      Log.warn("approval click refused", "approvalId", approvalId, "user", user.id(), "reason", refusal.get());
      return tell(channel, user, Outcome.NOT_ALLOWED, "You may not " + (approve ? "approve" : "reject") + " "
          + a.request().where() + ": " + refusal.get() + ".");
    }
    if (!a.status().pending()) {
      return tell(channel, user, Outcome.ALREADY_DECIDED, standing(a));
    }
    if (!approve) {
      messenger.askReason(triggerId, a, channel, channelName);
      return new Result(Outcome.REASON_ASKED, "");
    }
    return decide(a, new Decision(true, user, channelName, clock.instant(), Optional.empty()), channel);
  }

  /**
   * The reject form came back with a reason. On refusal or a lost race nothing is posted: the returned note is shown
   * in the form itself.
   */
  public Result submitReason(String approvalId, SlackUser user, String channel, String channelName, String reason) {
    Optional<Approval> found = store.find(approvalId);
    if (found.isEmpty()) {
      return new Result(Outcome.UNKNOWN, "Baton no longer knows this approval (its record has expired).");
    }
    Approval a = found.get();
    Optional<String> refusal = authorizer.refusal(a, user, false);
    if (refusal.isPresent()) {
      Log.warn("rejection refused", "approvalId", approvalId, "user", user.id(), "reason", refusal.get());
      return new Result(Outcome.NOT_ALLOWED, "You may not reject this: " + refusal.get() + ".");
    }
    Decision d = new Decision(false, user, channelName, clock.instant(), Optional.of(reason.strip()));
    Optional<Approval> lost = store.decide(approvalId, d);
    if (lost.isPresent()) {
      return new Result(Outcome.ALREADY_DECIDED, standing(lost.get()));
    }
    logDecision(a, d);
    return new Result(Outcome.DECIDED, "");
  }

  private Result decide(Approval a, Decision d, String channel) {
    Optional<Approval> lost = store.decide(a.id(), d);
    if (lost.isPresent()) {
      return tell(channel, d.by(), Outcome.ALREADY_DECIDED, standing(lost.get()));
    }
    logDecision(a, d);
    return new Result(Outcome.DECIDED, "");
  }

  /**
   * Gives CodePipeline a recorded decision (PutApprovalResult) and records the outcome. Does nothing unless the
   * approval is APPROVING/REJECTING; a transient failure is thrown and leaves it so, for a retry.
   */
  public Optional<Approval> complete(String approvalId) {
    Approval a = store.find(approvalId).orElseThrow(() -> new IllegalStateException("no approval " + approvalId));
    if (!a.status().deciding() || a.decision().isEmpty()) {
      return Optional.of(a);
    }
    Decision d = a.decision().get();
    ApprovalGate.Answer answer = gate.answer(a.request(), a.executionId(), d);
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

  /** Shows the approval as it stands in its Slack message (no-op for one that was never posted). */
  public void publish(String approvalId) {
    store.find(approvalId).filter(Approval::posted).ifPresent(messenger::update);
  }

  private Result tell(String channel, SlackUser user, Outcome outcome, String text) {
    messenger.tell(channel, user, text);
    return new Result(outcome, text);
  }

  /** "Already approved by Alice at 13:12 UTC." and the like, for someone who came too late. */
  static String standing(Approval a) {
    Optional<Decision> d = a.decision();
    String who = d.map(x -> " by " + x.by().name() + " (<@" + x.by().id() + ">) at " + x.at()).orElse("");
    return switch (a.status()) {
      case APPROVING, APPROVED -> "Already approved" + who + ".";
      case REJECTING, REJECTED -> "Already rejected" + who + d.flatMap(Decision::reason).map(r -> ": " + r).orElse("")
          + ".";
      case APPROVED_ELSEWHERE -> "Already approved outside Slack" + a.outcome().map(o -> ": " + o).orElse(".");
      case REJECTED_ELSEWHERE -> "Already rejected outside Slack" + a.outcome().map(o -> ": " + o).orElse(".");
      case EXPIRED -> "This approval has expired.";
      case CANCELED -> "This execution was stopped; the approval is no longer needed.";
      default -> a.outcome().orElse("This approval is no longer pending (" + a.status().name() + ").");
    };
  }

  private static void logDecision(Approval a, Decision d) {
    Log.info("approval decided in Slack", "approvalId", a.id(), "decision", d.approve() ? "approve" : "reject",
        "user", d.by().id(), "pipeline", a.request().pipeline(), "stage", a.request().stage(),
        "action", a.request().action());
  }
}
