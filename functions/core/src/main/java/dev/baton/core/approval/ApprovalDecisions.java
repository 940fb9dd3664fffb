package dev.baton.core.approval;

import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.FreezeLookup;
import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decisions made in Slack. {@link #click} and {@link #submitReason} check the person and record the decision once:
 * PENDING to APPROVING/REJECTING by one conditional write that also checks what the click claims about the approval
 * ({@link ApprovalClaim}: its approval action and expiry) and, under the rule that whoever started the execution may
 * not approve it, the stored starter; of a double click or ten racing approvers exactly one wins, the others are told
 * who decided. The write returns the approval, decided or as it stood, so nothing is read again. A click on an
 * approval that has expired is answered here: it is marked EXPIRED and CodePipeline is not asked. Where Baton cannot
 * check the person now, nothing is recorded and they are told why and what to do. Approving a frozen pipeline
 * ({@link FreezeLookup}, asked at click time, failing closed) is refused with the freeze named, except for the
 * break-glass people ({@link BreakGlass}), whose override needs a reason (a form, like the rejection's) and is
 * recorded with the decision; Reject is never frozen. What follows a decision
 * (CodePipeline, the message) is {@link DecisionFinisher}'s.
 */
public final class ApprovalDecisions {
  /**
   * CodePipeline's {@code expires} has minute precision: a click is answered as expired once a whole minute has
   * passed since, so a request that is still valid never is (within that minute CodePipeline decides).
   */
  public static final Duration EXPIRY_GRACE = Duration.ofMinutes(1);
  private static final String UNKNOWN_NOTE = "Baton no longer knows this approval (its record has expired).";

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

  /**
   * The outcome; for the outcomes that are not DECIDED or REASON_ASKED what the person was told; for DECIDED and
   * EXPIRED the approval as recorded.
   */
  public record Result(Outcome outcome, String note, Optional<Approval> approval) {
    static Result of(Outcome outcome, String note) {
      return new Result(outcome, note, Optional.empty());
    }
  }

  private final ApprovalStore store;
  private final Authorizer authorizer;
  private final BreakGlass breakGlass;
  private final FreezeLookup freezes;
  private final ApprovalMessenger messenger;
  private final Clock clock;

  /**
   * @param freezes asked on every Approve (not on Reject): a frozen pipeline is approved only by {@code breakGlass}
   *     people, with a reason; when it cannot say, nothing is approved
   */
  public ApprovalDecisions(ApprovalStore store, Authorizer authorizer, BreakGlass breakGlass, FreezeLookup freezes,
                           ApprovalMessenger messenger, Clock clock) {
    this.store = store;
    this.authorizer = authorizer;
    this.breakGlass = breakGlass;
    this.freezes = freezes;
    this.messenger = messenger;
    this.clock = clock;
  }

  /** What is being decided: a plain Approve click, an approval overriding a freeze with a reason, a rejection. */
  private record Ask(Kind kind, String reason) {
    enum Kind { APPROVE, OVERRIDE, REJECT }

    boolean approve() {
      return kind != Kind.REJECT;
    }

    Optional<String> rejection() {
      return kind == Kind.REJECT ? Optional.of(reason) : Optional.empty();
    }
  }

  /** Where the click or form came from: the channel (id and name) and, for a click, the trigger that opens a form. */
  private record Where(String channel, String channelName, String triggerId) {}

  /**
   * A click on Approve ({@code approve}) or Reject of approval {@code approvalId}, which the message's button claims
   * to be {@code claimed} (empty for a message posted before buttons carried a claim: then it is read first).
   * Approve records the decision, unless the pipeline is frozen: then the break-glass form opens for someone who may
   * override, and anyone else is refused with the freeze named. Reject opens the reason form (nothing is recorded
   * until the reason is submitted).
   */
  public Result click(String approvalId, Optional<ApprovalClaim> claimed, boolean approve, SlackUser user,
                      String channel, String channelName, String triggerId) {
    Optional<ApprovalClaim> claim = claimed.or(() -> store.find(approvalId).map(ApprovalClaim::of));
    Where where = new Where(channel, channelName, triggerId);
    Result r;
    if (claim.isEmpty()) {
      r = Result.of(Outcome.UNKNOWN, UNKNOWN_NOTE);
    } else if (approve) {
      r = settle(claim.get(), user, where, new Ask(Ask.Kind.APPROVE, ""), true);
    } else {
      r = askReason(claim.get(), user, where);
    }
    return r.outcome() == Outcome.DECIDED || r.outcome() == Outcome.REASON_ASKED ? r : tell(channel, user, r);
  }

  /**
   * The reject form came back with a reason, for the approval its metadata claims ({@code claimed}; empty for a form
   * opened before forms carried a claim). On refusal or a lost race nothing is posted: the returned note is shown in
   * the form itself.
   */
  public Result submitReason(String approvalId, Optional<ApprovalClaim> claimed, SlackUser user, String channel,
                             String channelName, String reason) {
    return submitted(approvalId, claimed, user, new Where(channel, channelName, ""),
        new Ask(Ask.Kind.REJECT, reason.strip()));
  }

  /**
   * The break-glass form came back with a reason: the approval is recorded with the override if the pipeline is
   * still frozen and the person still may override (checked again: a freeze can start or end and groups change
   * while the form is open); a plain approval if the freeze is over. Refusals are returned for the form to show.
   */
  public Result submitOverride(String approvalId, Optional<ApprovalClaim> claimed, SlackUser user, String channel,
                               String channelName, String reason) {
    return submitted(approvalId, claimed, user, new Where(channel, channelName, ""),
        new Ask(Ask.Kind.OVERRIDE, reason.strip()));
  }

  private Result submitted(String approvalId, Optional<ApprovalClaim> claimed, SlackUser user, Where where, Ask ask) {
    return claimed.or(() -> store.find(approvalId).map(ApprovalClaim::of))
        .map(c -> settle(c, user, where, ask, true))
        .orElse(Result.of(Outcome.UNKNOWN, UNKNOWN_NOTE));
  }

  /**
   * A decision that comes complete in one click, as on a Teams card (Approve, or Reject with the reason typed on the
   * card): authorised and recorded exactly as {@link #click} and {@link #submitReason} do, with the same claim, so
   * whichever surface is clicked first decides, once. Nothing is posted: the caller shows the returned note. A
   * rejection needs a {@code reason}.
   */
  public Result decide(String approvalId, boolean approve, SlackUser user, String where, Optional<String> reason) {
    Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
    if (!approve && why.isEmpty()) {
      return Result.of(Outcome.REASON_ASKED, "Say why you reject it (the reason goes to CodePipeline).");
    }
    // During a freeze a card's Approve is refused with the freeze named: the break-glass override, with its reason
    // form, is Slack's (its people are Slack users and groups).
    Ask ask = approve ? new Ask(Ask.Kind.APPROVE, "") : new Ask(Ask.Kind.REJECT, why.get());
    return store.find(approvalId).map(ApprovalClaim::of)
        .map(c -> settle(c, user, new Where(where, where, ""), ask, true))
        .orElse(Result.of(Outcome.UNKNOWN, UNKNOWN_NOTE));
  }

  /** Reject clicked: the form opens for a pending approval the person may decide. */
  private Result askReason(ApprovalClaim c, SlackUser user, Where where) {
    Authorization may = authorizer.mayDecide(c, user);
    if (!may.isAllowed()) {
      return refusal(c, false, user, may);
    }
    return openForm(c, user, where, Optional.empty());
  }

  /**
   * Opens the reject form ({@code freeze} empty) or the break-glass form for a pending approval, once the person was
   * authorised for it; or says how the approval stands.
   */
  private Result openForm(ApprovalClaim c, SlackUser user, Where where, Optional<Freeze> freeze) {
    Optional<Approval> found = store.find(c.id());
    if (found.isEmpty()) {
      return Result.of(Outcome.UNKNOWN, UNKNOWN_NOTE);
    }
    Approval a = found.get();
    if (!a.status().pending()) {
      return Result.of(Outcome.ALREADY_DECIDED, ApprovalNotes.standing(a));
    }
    if (!c.matches(a)) {
      ApprovalClaim stored = ApprovalClaim.of(a);
      return freeze.isEmpty() ? askReason(stored, user, where)
          : settle(stored, user, where, new Ask(Ask.Kind.APPROVE, ""), false);
    }
    if (c.expiredAt(clock.instant())) {
      return expire(c, user, where, freeze.isEmpty() ? new Ask(Ask.Kind.REJECT, "") : new Ask(Ask.Kind.APPROVE, ""),
          false);
    }
    if (freeze.isEmpty()) {
      messenger.askReason(where.triggerId(), a, where.channel(), where.channelName());
    } else {
      messenger.askOverride(where.triggerId(), a, freeze.get(), where.channel(), where.channelName());
      Log.info("break-glass form opened: the pipeline is frozen", "approvalId", c.id(), "user", user.id(),
          "freeze", freeze.get().name());
    }
    return Result.of(Outcome.REASON_ASKED, "");
  }

  /**
   * Approve, approve overriding a freeze, or reject with a reason: authorised on the claim; for approving, the
   * pipeline's freezes checked (failing closed); recorded by one write that holds only if the approval is as
   * claimed. When it is not, the approval as it stands comes back with the refusal and is settled once more on what
   * it really is ({@code firstTry} false).
   */
  private Result settle(ApprovalClaim c, SlackUser user, Where where, Ask ask, boolean firstTry) {
    Authorization may = authorizer.mayDecide(c, user);
    if (!may.isAllowed()) {
      return refusal(c, ask.approve(), user, may);
    }
    Optional<BreakGlassOverride> glass = Optional.empty();
    if (ask.approve() && !c.expiredAt(clock.instant())) {   // an expired approval is answered without the freezes
      Optional<Freeze> freeze;
      try {
        freeze = freezes.at(c.pipeline(), clock.instant());
      } catch (RuntimeException e) {
        Log.warn("approval refused for now: the freezes could not be checked", "approvalId", c.id(), "user",
            user.id(), "pipeline", c.pipeline(), "error", e.getMessage());
        return refusal(c, true, user, Authorization.unchecked("Baton could not check whether " + c.pipeline()
            + " is frozen"));
      }
      if (freeze.isPresent()) {
        Authorization override = breakGlass.mayOverride(c, user.id());
        if (!override.isAllowed()) {
          return frozen(c, user, freeze.get(), override);
        }
        if (ask.kind() == Ask.Kind.APPROVE) {
          return openForm(c, user, where, freeze);
        }
        glass = Optional.of(BreakGlassOverride.of(freeze.get(), ask.reason()));
      }
    }
    return record(c, user, where, ask, glass, firstTry);
  }

  /** Records an authorised decision (or the expiry of an approval whose time ran out). */
  private Result record(ApprovalClaim c, SlackUser user, Where where, Ask ask, Optional<BreakGlassOverride> glass,
                        boolean firstTry) {
    if (c.expiredAt(clock.instant())) {
      return expire(c, user, where, ask, firstTry);
    }
    boolean approve = ask.approve();
    Decision d = new Decision(approve, user, where.channelName(), clock.instant(), ask.rejection(), glass);
    ApprovalTransition t = store.decide(c, d, approve ? authorizer.starterMayNotBe(c, user) : List.of());
    if (!t.done()) {
      return afterRefusal(t, c, user, where, ask, firstTry);
    }
    Log.info("approval decided", "in", d.surface(), "approvalId", c.id(), "decision", approve ? "approve" : "reject",
        "user", user.id(), "pipeline", c.pipeline(), "stage", c.stage(), "action", c.action(),
        "breakGlass", glass.map(BreakGlassOverride::freeze).orElse(null));
    return new Result(Outcome.DECIDED, "", t.approval());
  }

  /** Approve refused during a freeze: the freeze named, Reject still open, and who could override. */
  private Result frozen(ApprovalClaim c, SlackUser user, Freeze f, Authorization override) {
    if (override.verdict() == Authorization.Verdict.UNCHECKED) {
      return refusal(c, true, user, override);
    }
    Log.warn("approval refused: the pipeline is frozen", "approvalId", c.id(), "user", user.id(),
        "freeze", f.name(), "until", f.until().toString());
    return Result.of(Outcome.NOT_ALLOWED, ApprovalNotes.frozen(c, f, breakGlass.of(c)));
  }

  /** Marks a pending approval EXPIRED (nothing goes to CodePipeline) and says so; or how it stands, if it moved on. */
  private Result expire(ApprovalClaim c, SlackUser user, Where where, Ask ask, boolean firstTry) {
    Instant expires = c.expires().orElseThrow();
    ApprovalTransition t = store.expire(c, ApprovalRequest.expiredNote(c.expires()), clock.instant());
    if (!t.done()) {
      return afterRefusal(t, c, user, where, ask, firstTry);
    }
    Log.info("click on an expired approval answered without CodePipeline", "approvalId", c.id(), "user", user.id(),
        "expires", expires.toString());
    return new Result(Outcome.EXPIRED, ApprovalNotes.expired(expires), t.approval());
  }

  /**
   * Why a write did not hold, from the approval as it stood: gone, decided already, not as claimed (settled again
   * on what it is), or, for approving, a starter not recorded yet (looked up in CodePipeline and stored, then
   * settled again) or the person's own execution.
   */
  private Result afterRefusal(ApprovalTransition t, ApprovalClaim c, SlackUser user, Where where, Ask ask,
                              boolean firstTry) {
    if (t.approval().isEmpty()) {
      return Result.of(Outcome.UNKNOWN, UNKNOWN_NOTE);
    }
    Approval a = t.approval().get();
    boolean approve = ask.approve();
    if (!a.status().pending()) {
      return Result.of(Outcome.ALREADY_DECIDED, ApprovalNotes.standing(a));
    }
    if (firstTry && !c.matches(a)) {
      Log.info("a click's claim did not match the approval; settled on the stored one", "approvalId", c.id());
      return settle(ApprovalClaim.of(a), user, where, ask, false);
    }
    if (firstTry && approve) {
      Authorization starter = authorizer.mayApprove(a, user);
      return starter.isAllowed() ? settle(c, user, where, ask, false) : refusal(c, true, user, starter);
    }
    return refusal(c, approve, user, Authorization.unchecked("the approval changed while Baton was recording your "
        + "decision"));
  }

  private static Result refusal(ApprovalClaim c, boolean approve, SlackUser user, Authorization may) {
    Outcome outcome = Outcome.UNCHECKED;   // the Authorizer logged what could not be checked
    if (may.verdict() != Authorization.Verdict.UNCHECKED) {
      Log.warn("approval click refused", "approvalId", c.id(), "user", user.id(), "reason", may.reason());
      outcome = Outcome.NOT_ALLOWED;
    }
    return Result.of(outcome, ApprovalNotes.refusal(c, approve, may));
  }

  /** Tells the person privately; the outcome stands whether or not Slack takes the note. */
  private Result tell(String channel, SlackUser user, Result r) {
    try {
      messenger.tell(channel, user, r.note());
    } catch (RuntimeException e) {
      Log.warn("could not tell the person privately", "user", user.id(), "outcome", r.outcome().name(),
          "error", e.getMessage());
    }
    return r;
  }
}
