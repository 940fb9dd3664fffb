package dev.baton.teams.bot;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An approval as a Teams Adaptive Card (1.4) with Universal Actions: while pending, Approve and Reject are
 * {@code Action.Execute} (verbs {@value #APPROVE} and {@value #REJECT}, data: the approval id) with a reason input
 * that Reject sends along; once decided, the same card shows the outcome, who and when, without them. The token
 * never goes to Teams: the review link is the console page when CodePipeline's link carries it.
 */
public final class ApprovalCard {
  public static final String APPROVE = "baton.approve";
  public static final String REJECT = "baton.reject";
  public static final String REASON = "reason";
  public static final int REASON_MAX = 500;

  private ApprovalCard() {}

  /** The card as a message activity, for a proactive post or an in-place update. */
  public static Map<String, Object> activity(Approval a) {
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("content", card(a));
    Map<String, Object> activity = new LinkedHashMap<>();
    activity.put("type", "message");
    activity.put("attachments", List.of(attachment));
    return activity;
  }

  /** The answer to an {@code adaptiveCard/action} invoke that replaces the clicked card with this one. */
  public static Map<String, Object> invokeResponse(Approval a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("statusCode", 200);
    r.put("type", "application/vnd.microsoft.card.adaptive");
    r.put("value", card(a));
    return r;
  }

  /** The answer to an {@code adaptiveCard/action} invoke that leaves the card as it is and shows the clicker a note. */
  public static Map<String, Object> invokeMessage(String text) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("statusCode", 200);
    r.put("type", "application/vnd.microsoft.activity.message");
    r.put("value", text);
    return r;
  }

  static Map<String, Object> card(Approval a) {
    ApprovalRequest r = a.request();
    List<Map<String, Object>> body = new ArrayList<>();
    Map<String, Object> title = text((a.status().pending() ? "Approval needed: " : status(a) + ": ") + r.pipeline());
    title.put("weight", "Bolder");
    title.put("size", "Medium");
    body.add(title);
    List<Map<String, Object>> facts = new ArrayList<>();
    facts.add(fact("Stage", r.stage()));
    facts.add(fact("Action", r.action()));
    a.executionId().ifPresent(e -> facts.add(fact("Execution", e)));
    r.expires().ifPresent(x -> facts.add(fact("Expires", date(x))));
    body.add(Map.of("type", "FactSet", "facts", facts));
    r.customData().ifPresent(c -> body.add(text(c)));
    List<Map<String, Object>> actions = new ArrayList<>();
    if (a.status().pending()) {
      Map<String, Object> reason = new LinkedHashMap<>();
      reason.put("type", "Input.Text");
      reason.put("id", REASON);
      reason.put("label", "Reason (sent to CodePipeline when you reject)");
      reason.put("isMultiline", true);
      reason.put("maxLength", REASON_MAX);
      body.add(reason);
      actions.add(execute("Approve", APPROVE, "positive", a.id()));
      actions.add(execute("Reject", REJECT, "destructive", a.id()));
    } else {
      Map<String, Object> outcome = text(outcome(a));
      outcome.put("weight", "Bolder");
      body.add(outcome);
    }
    r.approvalReviewLink().filter(u -> !u.contains(r.token())).or(r::consoleLink)
        .filter(u -> u.startsWith("https://")).ifPresent(u -> actions.add(Map.of("type", "Action.OpenUrl",
            "title", "Review in CodePipeline", "url", u)));
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", body);
    card.put("actions", actions);
    return card;
  }

  private static String status(Approval a) {
    return switch (a.status()) {
      case APPROVING, APPROVED, APPROVED_ELSEWHERE -> "Approved";
      case REJECTING, REJECTED, REJECTED_ELSEWHERE -> "Rejected";
      case EXPIRED -> "Expired";
      case ALREADY_COMPLETED -> "Already completed";
      case CANCELED -> "No longer needed";
      case FAILED -> "Not applied";
      case PENDING -> "Approval needed";
    };
  }

  private static String outcome(Approval a) {
    Optional<Decision> d = a.decision();
    String by = d.map(x -> " by " + x.by().name() + " on " + date(x.at())).orElse("");
    String reason = d.flatMap(Decision::reason).map(r -> ". Reason: " + r).orElse("");
    String note = a.outcome().map(o -> ". " + o).orElse("");
    String when = a.completedAt().map(c -> " on " + date(c)).orElse("");
    return switch (a.status()) {
      case APPROVING, REJECTING -> status(a) + by + ", passing it to CodePipeline…" + reason;
      case APPROVED, REJECTED -> status(a) + by + reason;
      case ALREADY_COMPLETED, FAILED -> status(a) + by + reason + note;
      default -> status(a) + when + note;
    };
  }

  static String date(Instant t) {
    return t.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }

  private static Map<String, Object> execute(String title, String verb, String style, String approvalId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Action.Execute");
    m.put("title", title);
    m.put("verb", verb);
    m.put("style", style);
    m.put("data", Map.of("approvalId", approvalId));
    return m;
  }

  private static Map<String, Object> text(String text) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", "TextBlock");
    t.put("text", text.length() <= 2000 ? text : text.substring(0, 1999) + "…");
    t.put("wrap", true);
    return t;
  }

  private static Map<String, Object> fact(String title, String value) {
    return Map.of("title", title, "value", value);
  }
}
