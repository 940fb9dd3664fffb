package dev.baton.core.approval;

import java.time.Instant;
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

  /** For a click that came after {@code expires}. */
  static String expired(Instant expires) {
    return "This approval expired at " + expires.toString().substring(0, 16).replace('T', ' ') + " UTC, so "
        + "CodePipeline no longer takes a decision on it: nothing was sent. To release, start the pipeline again.";
  }
}
