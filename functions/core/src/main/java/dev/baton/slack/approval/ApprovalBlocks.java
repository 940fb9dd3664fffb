package dev.baton.slack.approval;

import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalRequest;
import dev.baton.core.approval.BreakGlassOverride;
import dev.baton.core.approval.Decision;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Block Kit of approval messages: what is waiting, the custom data, links to review, the expiry and the buttons
 * while pending; the outcome, who and when once decided. Button values carry the approval's claim
 * ({@link ApprovalClaims}: id, approval action, expiry), never the token.
 */
public final class ApprovalBlocks {
  public static final String APPROVE = "baton.approve";
  public static final String REJECT = "baton.reject";
  public static final String REASON_VIEW = "baton.reject.reason";
  /** The break-glass form: approving during a freeze, with a reason (its input block is {@link #REASON_BLOCK}). */
  public static final String OVERRIDE_VIEW = "baton.breakglass.reason";
  public static final String REASON_BLOCK = "reason";
  public static final String REASON_INPUT = "reason";
  public static final int REASON_MAX = 400;

  private ApprovalBlocks() {}

  /** The notification text (shown in notifications and by clients without Block Kit). */
  public static String text(Approval a) {
    ApprovalRequest r = a.request();
    return switch (a.status()) {
      case PENDING -> "Approval needed: " + r.where();
      default -> headline(a) + ": " + r.where();
    };
  }

  public static List<Map<String, Object>> blocks(Approval a) {
    return blocks(a, Optional.empty());
  }

  /** The message; while pending and {@code frozen}, with the freeze above the buttons. */
  public static List<Map<String, Object>> blocks(Approval a, Optional<Freeze> frozen) {
    ApprovalRequest r = a.request();
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", plain(shorten((a.status().pending() ? "Approval needed: "
        : headline(a) + ": ") + r.pipeline(), 150))));
    StringBuilder facts = new StringBuilder("*Stage* ").append(escape(r.stage())).append("   *Action* ")
        .append(escape(r.action()));
    a.executionId().ifPresent(e -> facts.append("\n*Execution* `").append(escape(e)).append('`'));
    r.expires().ifPresent(x -> facts.append("\n*Expires* ").append(date(x)));
    blocks.add(section(facts.toString()));
    r.customData().ifPresent(c -> blocks.add(section(">" + shorten(escape(c), 2900).replace("\n", "\n>"))));
    List<String> links = new ArrayList<>();
    // CodePipeline's approvalReviewLink ends in the approval token: the token never goes to Slack, so the review
    // link is the pipeline's console page (consoleLink) in that case.
    r.approvalReviewLink().filter(u -> !u.contains(r.token())).or(r::consoleLink).flatMap(ApprovalBlocks::link)
        .ifPresent(u -> links.add("<" + u + "|Review in CodePipeline>"));
    r.externalEntityLink().flatMap(ApprovalBlocks::link).ifPresent(u -> links.add("<" + u + "|Details>"));
    if (!links.isEmpty()) {
      blocks.add(section(String.join("   ", links)));
    }
    if (a.status().pending() && frozen.isPresent()) {
      Freeze f = frozen.get();
      blocks.add(section(":snowflake: *Frozen:* " + escape(r.pipeline()) + " is frozen by " + escape(f.describe())
          + " until " + date(f.until()) + ". Approve is refused until then, except for break-glass approvers, "
          + "who give a reason; Reject works as usual."));
    }
    if (a.status().pending()) {
      blocks.add(Map.of("type", "actions", "block_id", "baton.approval", "elements", List.of(
          button(APPROVE, "Approve", "primary", ApprovalClaims.buttonValue(a)),
          button(REJECT, "Reject", "danger", ApprovalClaims.buttonValue(a)))));
    } else {
      blocks.add(section(outcome(a)));
    }
    return blocks;
  }

  /** The reject form: a required reason; private_metadata carries the claim and where the click came from. */
  public static Map<String, Object> reasonView(Approval a, String channel, String channelName) {
    Map<String, Object> meta = new LinkedHashMap<>(ApprovalClaims.fields(a));
    meta.put("channel", channel);
    meta.put("channelName", channelName);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", "modal");
    view.put("callback_id", REASON_VIEW);
    view.put("private_metadata", Json.write(meta));
    view.put("title", plain("Reject approval"));
    view.put("submit", plain("Reject"));
    view.put("close", plain("Cancel"));
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("type", "input");
    input.put("block_id", REASON_BLOCK);
    input.put("label", plain("Why reject it?"));
    input.put("element", Map.of("type", "plain_text_input", "action_id", REASON_INPUT, "multiline", true,
        "max_length", REASON_MAX));
    view.put("blocks", List.of(section("Reject *" + escape(a.request().where()) + "*? The reason goes to "
        + "CodePipeline and the release history."), input));
    return view;
  }

  /**
   * The break-glass form: approving {@code a} while {@code f} freezes its pipeline needs a reason; private_metadata
   * as the reject form's.
   */
  public static Map<String, Object> overrideView(Approval a, Freeze f, String channel, String channelName) {
    Map<String, Object> view = reasonView(a, channel, channelName);
    view.put("callback_id", OVERRIDE_VIEW);
    view.put("title", plain("Break glass"));
    view.put("submit", plain("Approve anyway"));
    Map<String, Object> input = new LinkedHashMap<>(block(view, 1));
    input.put("label", plain("Why approve during the freeze?"));
    view.put("blocks", List.of(section(":rotating_light: *" + escape(a.request().pipeline()) + "* is frozen by "
        + escape(f.describe()) + " until " + date(f.until()) + ". Approve *" + escape(a.request().where())
        + "* anyway? Your name and reason are recorded with the decision, sent to CodePipeline and announced in "
        + "the channel."), input));
    return view;
  }

  /** The announcement of a break-glass approval: its own message in the approval's channel. */
  public static String overrideText(Approval a) {
    Decision d = a.decision().orElseThrow();
    BreakGlassOverride g = d.breakGlass().orElseThrow();
    return "Break glass: " + d.by().name() + " approved " + a.request().where() + " during the freeze " + g.freeze()
        + ": " + g.reason();
  }

  public static List<Map<String, Object>> overrideBlocks(Approval a) {
    Decision d = a.decision().orElseThrow();
    BreakGlassOverride g = d.breakGlass().orElseThrow();
    return List.of(section(":rotating_light: *Break glass:* <@" + d.by().id() + "> approved *"
        + escape(a.request().where()) + "* during the freeze " + escape(g.freeze()) + " (until "
        + date(g.frozenUntil()) + ").\n*Reason:* " + escape(shorten(g.reason(), 1000))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> block(Map<String, Object> view, int i) {
    return ((List<Map<String, Object>>) view.get("blocks")).get(i);
  }

  private static String headline(Approval a) {
    return switch (a.status()) {
      case APPROVING, APPROVED -> "Approved";
      case REJECTING, REJECTED -> "Rejected";
      case APPROVED_ELSEWHERE -> "Approved outside Slack";
      case REJECTED_ELSEWHERE -> "Rejected outside Slack";
      case EXPIRED -> "Expired";
      case ALREADY_COMPLETED -> "Already completed";
      case CANCELED -> "No longer needed";
      case FAILED -> "Not applied";
      case PENDING -> "Approval needed";
    };
  }

  private static String outcome(Approval a) {
    Optional<Decision> d = a.decision();
    String by = d.map(x -> " by <@" + x.by().id() + "> " + date(x.at())).orElse("");
    String reason = d.flatMap(Decision::reason).map(r -> "\n*Reason:* " + escape(shorten(r, 1000)))
        .or(() -> d.flatMap(Decision::breakGlass).map(g -> "\n:rotating_light: *Break glass* during the freeze "
            + escape(g.freeze()) + " (until " + date(g.frozenUntil()) + ")\n*Reason:* "
            + escape(shorten(g.reason(), 1000))))
        .orElse("");
    String note = a.outcome().map(o -> "\n" + escape(shorten(o, 1500))).orElse("");
    return switch (a.status()) {
      case APPROVING -> ":hourglass_flowing_sand: *Approved*" + by + ", passing it to CodePipeline..." + reason;
      case REJECTING -> ":hourglass_flowing_sand: *Rejected*" + by + ", passing it to CodePipeline..." + reason;
      case APPROVED -> ":white_check_mark: *Approved*" + by + reason;
      case REJECTED -> ":x: *Rejected*" + by + reason;
      case APPROVED_ELSEWHERE -> ":white_check_mark: *Approved outside Slack*" + completed(a) + note;
      case REJECTED_ELSEWHERE -> ":x: *Rejected outside Slack*" + completed(a) + note;
      case EXPIRED -> ":hourglass: *Expired*" + completed(a) + note;
      case CANCELED -> ":no_entry_sign: *No longer needed*" + completed(a) + note;
      case ALREADY_COMPLETED, FAILED -> ":warning: *" + headline(a) + "*" + by + reason + note;
      case PENDING -> "";
    };
  }

  private static String completed(Approval a) {
    return a.completedAt().map(c -> " " + date(c)).orElse("");
  }

  /** Slack renders this in each reader's time zone; the fallback is UTC. */
  static String date(Instant t) {
    return "<!date^" + t.getEpochSecond() + "^{date_short_pretty} at {time}|" + t.toString().substring(0, 16)
        .replace('T', ' ') + " UTC>";
  }

  private static Optional<String> link(String url) {
    return url.startsWith("https://") && !url.contains(">") && !url.contains("|") && !url.contains(" ")
        ? Optional.of(url) : Optional.empty();
  }

  private static Map<String, Object> button(String actionId, String text, String style, String value) {
    return Map.of("type", "button", "action_id", actionId, "text", plain(text), "style", style, "value", value);
  }

  private static Map<String, Object> section(String mrkdwn) {
    return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn));
  }

  private static Map<String, Object> plain(String text) {
    return Map.of("type", "plain_text", "text", text, "emoji", true);
  }

  /** Slack mrkdwn control characters in user text ({@code &}, {@code <}, {@code >}). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }
}
