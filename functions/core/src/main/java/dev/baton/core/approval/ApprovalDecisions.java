package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Decisions made in Slack. {@link #click} and {@link #submitReason} check the person and record the decision once
 * (PENDING to APPROVING/REJECTING by a conditional write: of a double click or ten racing approvers exactly one
 * wins, the others are told who decided). A click on an approval that has expired is answered here: it is marked
 * EXPIRED and CodePipeline is not asked. Where Baton cannot check the person now, nothing is recorded and they are
 * told why and what to do. What follows a decision (CodePipeline, the message) is {@link DecisionFinisher}'s.
 */
public final class ApprovalDecisions {
  /**
   * CodePipeline's {@code expires} has minute precision: a click is answered as expired once a whole minute has
   * passed since, so a request that is still valid never is (within that minute CodePipeline decides).
   */
  public static final Duration EXPIRY_GRACE = Duration.ofMinutes(1);

  /** What a click or a submitted reason led to. */
  public enum Outcome {
    /** This decision won; complete and publish it next. */
    DECIDED,
    /** The reject form was opened. */
    REASON_ASKED,
    /** The person may not decide this approval; they were told. */
    NOT_ALLOWED,
    /** Baton could not check the person now (Slack or CodePipeline did not answer); they were told; nothing changed. */
    UNCHECKED,
    /** The approval had expired: it is marked so (publish it next); they were told. */
    EXPIRED,
    /** Someone or something decided first; they were told who. */
    ALREADY_DECIDED,
    /** No such approval (its record expired); they were told. */
    UNKNOWN
  }

  /** The outcome, and for the outcomes that are not DECIDED or REASON_ASKED what the person was told. */
  public record Result(Outcome outcome, String note) {}

  private final ApprovalStore store;
  private final Authorizer authorizer;
  private final ApprovalMessenger messenger;
  private final Clock clock;

  public ApprovalDecisions(ApprovalStore store, Authorizer authorizer, ApprovalMessenger messenger, Clock clock) {
    this.store = store;
    this.authorizer = authorizer;
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
    Authorization may = authorizer.mayDecide(a, user);
    if (!may.isAllowed()) {
      return tell(channel, user, refused(a, user, may), ApprovalNotes.refusal(a, approve, may));
    }
    if (!a.status().pending()) {
      return tell(channel, user, Outcome.ALREADY_DECIDED, ApprovalNotes.standing(a));
    }
    if (expired(a)) {
      Result r = expire(a, user);
      return tell(channel, user, r.outcome(), r.note());
    }
    if (!approve) {
      messenger.askReason(triggerId, a, channel, channelName);
      return new Result(Outcome.REASON_ASKED, "");
    }
    may = authorizer.mayApprove(a, user);
    if (!may.isAllowed()) {
      return tell(channel, user, refused(a, user, may), ApprovalNotes.refusal(a, true, may));
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
    Authorization may = authorizer.mayDecide(a, user);
    if (!may.isAllowed()) {
      return new Result(refused(a, user, may), ApprovalNotes.refusal(a, false, may));
    }
    if (a.status().pending() && expired(a)) {
      return expire(a, user);
    }
    Decision d = new Decision(false, user, channelName, clock.instant(), Optional.of(reason.strip()));
    Optional<Approval> lost = store.decide(approvalId, d);
    if (lost.isPresent()) {
      return new Result(Outcome.ALREADY_DECIDED, ApprovalNotes.standing(lost.get()));
    }
    logDecision(a, d);
    return new Result(Outcome.DECIDED, "");
  }

  private Result decide(Approval a, Decision d, String channel) {
    Optional<Approval> lost = store.decide(a.id(), d);
    if (lost.isPresent()) {
      return tell(channel, d.by(), Outcome.ALREADY_DECIDED, ApprovalNotes.standing(lost.get()));
    }
    logDecision(a, d);
    return new Result(Outcome.DECIDED, "");
  }

  private boolean expired(Approval a) {
    return a.request().expires().map(x -> !clock.instant().isBefore(x.plus(EXPIRY_GRACE))).orElse(false);
  }

  /** Marks a pending approval EXPIRED (nothing goes to CodePipeline) and says so; or how it stands, if it moved on. */
  private Result expire(Approval a, SlackUser user) {
    Instant expires = a.request().expires().orElseThrow();
    if (!store.finish(a.id(), EnumSet.of(ApprovalStatus.PENDING), ApprovalStatus.EXPIRED,
        Optional.of(a.request().expiredNote()), clock.instant())) {
      return new Result(Outcome.ALREADY_DECIDED, store.find(a.id()).map(ApprovalNotes::standing)
          .orElse("This approval is no longer pending."));
    }
    Log.info("click on an expired approval answered without CodePipeline", "approvalId", a.id(), "user", user.id(),
        "expires", expires.toString());
    return new Result(Outcome.EXPIRED, ApprovalNotes.expired(expires));
  }

  private static Outcome refused(Approval a, SlackUser user, Authorization may) {
    if (may.verdict() == Authorization.Verdict.UNCHECKED) {
      return Outcome.UNCHECKED;   // the Authorizer logged what could not be checked
    }
    Log.warn("approval click refused", "approvalId", a.id(), "user", user.id(), "reason", may.reason());
    return Outcome.NOT_ALLOWED;
  }

  /** Tells the person privately; the outcome stands whether or not Slack takes the note. */
  private Result tell(String channel, SlackUser user, Outcome outcome, String text) {
    try {
      messenger.tell(channel, user, text);
    } catch (RuntimeException e) {
      Log.warn("could not tell the person privately", "user", user.id(), "outcome", outcome.name(),
          "error", e.getMessage());
    }
    return new Result(outcome, text);
  }

  private static void logDecision(Approval a, Decision d) {
    Log.info("approval decided in Slack", "approvalId", a.id(), "decision", d.approve() ? "approve" : "reject",
        "user", d.by().id(), "pipeline", a.request().pipeline(), "stage", a.request().stage(),
        "action", a.request().action());
  }
}
