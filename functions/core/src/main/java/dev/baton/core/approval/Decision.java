package dev.baton.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision made in chat: approve or reject, by whom, where (the Slack channel name; {@value #TEAMS} for a Teams
 * card), when, why (rejections), and, for an approval made during a freeze, the break-glass override (its reason and
 * the freeze). A Teams user is known by their Entra ID object id.
 */
public record Decision(boolean approve, SlackUser by, String channel, Instant at, Optional<String> reason,
                       Optional<BreakGlassOverride> breakGlass) {
  public Decision {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(breakGlass, "breakGlass");
    if (breakGlass.isPresent() && !approve) {
      throw new IllegalArgumentException("only an approval overrides a freeze");
    }
  }

  public Decision(boolean approve, SlackUser by, String channel, Instant at, Optional<String> reason) {
    this(approve, by, channel, at, reason, Optional.empty());
  }

  /** The {@code channel} of a decision made on a Microsoft Teams card. */
  public static final String TEAMS = "Microsoft Teams";

  /** Slack or Microsoft Teams. */
  public String surface() {
    return TEAMS.equals(channel) ? TEAMS : "Slack";
  }

  public ApprovalStatus deciding() {
    return approve ? ApprovalStatus.APPROVING : ApprovalStatus.REJECTING;
  }

  public ApprovalStatus done() {
    return approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
  }

  /**
   * The PutApprovalResult summary (CodePipeline keeps at most 512 characters): who decided, in which channel, and
   * the reason of a rejection, shortened to fit.
   */
  public String summary() {
    String head = (approve ? "Approved" : "Rejected") + " in " + surface() + " by " + by.name() + " (" + by.id() + ")"
        + (TEAMS.equals(channel) ? "" : " in " + channelLabel(channel));
    String full = reason.map(r -> head + ": " + r.strip())
        .or(() -> breakGlass.map(g -> head + ", overriding the freeze " + g.freeze() + ": " + g.reason()))
        .orElse(head);
    return full.length() <= 512 ? full : full.substring(0, 511) + "\u2026";
  }

  /** {@code #name} for a channel name, the id as it is for an id ({@code C0123ABC}) or a name given with its #. */
  static String channelLabel(String channel) {
    if (channel.startsWith("#") || channel.matches("[CGD][A-Z0-9]{6,}")) {
      return channel;
    }
    return "#" + channel;
  }
}
