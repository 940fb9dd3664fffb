package dev.baton.core.approval;

import dev.baton.core.alerts.Alert;
import dev.baton.core.events.Actor;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events of an approval, built from its stored record only (so every retry builds the same one), with ids
 * derived from the approval's id: {@code Baton Approval Requested} once its message is posted, {@code Baton Approval
 * Decided} once CodePipeline reports the decision (made in Slack, or in the console), {@code Baton Approval Expired}
 * once it timed out or its execution stopped.
 */
public final class ApprovalEvents {
  private ApprovalEvents() {}

  /** The approval's request event, once its message is posted. */
  public static Optional<BatonEvent> requested(Approval a) {
    if (!a.posted()) {
      return Optional.empty();
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("approvalId", a.id());
    a.request().expires().ifPresent(x -> facts.put("expires", x.toString()));
    a.request().customData().ifPresent(c -> facts.put("customData", c));
    facts.put("slack", Map.of("channel", a.channel().get(), "ts", a.messageTs().get()));
    return Optional.of(event(DetailType.APPROVAL_REQUESTED, a, Actor.codePipeline("approval-action"),
        a.requestedAt(), facts));
  }

  /**
   * The approval's end, as recorded: a decision (Slack or elsewhere) or an expiry. Empty while it is pending, and
   * for outcomes that are not a decision CodePipeline took (a Slack decision it refused or had already had).
   */
  public static Optional<BatonEvent> ended(Approval a) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("approvalId", a.id());
    if (a.decision().isPresent() && (a.status().deciding() || a.status() == ApprovalStatus.APPROVED
        || a.status() == ApprovalStatus.REJECTED)) {
      Decision d = a.decision().get();
      facts.put("decision", d.approve() ? "APPROVED" : "REJECTED");
      boolean teams = Decision.TEAMS.equals(d.channel());
      facts.put("via", teams ? "teams" : "slack");
      facts.put("summary", d.summary());
      d.reason().ifPresent(r -> facts.put("reason", r));
      d.breakGlass().ifPresent(g -> facts.put("breakGlass", breakGlass(d, g)));
      return Optional.of(event(DetailType.APPROVAL_DECIDED, a, teams ? Actor.teamsUser(d.by().id(),
          Optional.of(d.by().name())) : Actor.slackUser(d.by().id(), Optional.of(d.by().name())), d.at(), facts));
    }
    Instant at = a.completedAt().orElse(null);
    if (at == null) {
      return Optional.empty();
    }
    return switch (a.status()) {
      case APPROVED_ELSEWHERE, REJECTED_ELSEWHERE -> {
        facts.put("decision", a.status() == ApprovalStatus.APPROVED_ELSEWHERE ? "APPROVED" : "REJECTED");
        facts.put("via", "codepipeline");
        a.outcome().ifPresent(o -> facts.put("summary", o));
        yield Optional.of(event(DetailType.APPROVAL_DECIDED, a, Actor.codePipeline("console-or-api"), at, facts));
      }
      case EXPIRED, CANCELED -> {
        facts.put("reason", a.status() == ApprovalStatus.EXPIRED ? "TIMED_OUT" : "EXECUTION_STOPPED");
        a.outcome().ifPresent(o -> facts.put("summary", o));
        yield Optional.of(event(DetailType.APPROVAL_EXPIRED, a, Actor.codePipeline(
            a.status() == ApprovalStatus.EXPIRED ? "approval-timeout" : "execution-stopped"), at, facts));
      }
      default -> Optional.empty();
    };
  }

  /** Who overrode which freeze, and why. */
  private static Map<String, Object> breakGlass(Decision d, BreakGlassOverride g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("by", d.by().id());
    m.put("reason", g.reason());
    m.put("freeze", g.freeze());
    m.put("frozenUntil", g.frozenUntil().toString());
    return m;
  }

  /** Not the approval review link: it carries the approval token, which never leaves Baton. */
  private static BatonEvent event(DetailType type, Approval a, Actor actor, Instant at, Map<String, Object> facts) {
    ApprovalRequest r = a.request();
    Map<String, String> links = new LinkedHashMap<>();
    a.executionId().ifPresent(x -> links.put("execution", Alert.consoleUrl(r.region(), r.pipeline(), x)));
    r.externalEntityLink().ifPresent(l -> links.put("externalEntity", l));
    return new BatonEvent(type, BatonEvent.stableId(type, a.id()), r.pipeline(), a.executionId(),
        Optional.of(r.stage()), Optional.of(r.action()), actor, links, at, facts);
  }
}
