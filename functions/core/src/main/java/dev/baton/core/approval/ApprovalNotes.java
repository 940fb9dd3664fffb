package dev.baton.core.approval;

import dev.baton.core.freeze.Freeze;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What people are told privately about an approval they clicked on (Slack mrkdwn). */
final class ApprovalNotes {
  private ApprovalNotes() {}

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

  /** Why someone may not decide, or (UNCHECKED) why Baton cannot tell now and what to do about it. */
  static String refusal(ApprovalClaim a, boolean approve, Authorization may) {
    if (may.verdict() == Authorization.Verdict.UNCHECKED) {
      return "Baton cannot check your permission now: " + may.reason() + ". Nothing was recorded. Try again in a "
          + "minute; if it keeps failing, ask whoever runs Baton to look at the approval callback's log (it names "
          + "the cause), or decide in the CodePipeline console.";
    }
    return "You may not " + (approve ? "approve" : "reject") + " " + a.where() + ": " + may.reason() + ".";
  }

  /** Approve refused during a freeze: which freeze, until when, that Reject stays open, who could override. */
  static String frozen(ApprovalClaim a, Freeze f, ApprovalRoute.People breakGlass) {
    List<String> who = new ArrayList<>();
    breakGlass.users().forEach(u -> who.add("<@" + u + ">"));
    breakGlass.groups().forEach(g -> who.add("<!subteam^" + g + ">"));
    return "You may not approve " + a.where() + " now: " + a.pipeline() + " is frozen by " + f.describe()
        + " until " + utc(f.until()) + ". Rejecting it is still possible. "
        + (who.isEmpty() ? "Nobody may approve it during the freeze here: wait until it ends, or end it "
            + "(/baton unfreeze) if it is ad hoc."
            : "A break-glass approver (" + String.join(", ", who) + ") may approve it with a reason.");
  }

  /** {@code 2026-11-27 16:00 UTC}. */
  static String utc(Instant t) {
    return t.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }

  /** For a click that came after {@code expires}. */
  static String expired(Instant expires) {
    return "This approval expired at " + utc(expires) + ", so "
        + "CodePipeline no longer takes a decision on it: nothing was sent. To release, start the pipeline again.";
  }
}
