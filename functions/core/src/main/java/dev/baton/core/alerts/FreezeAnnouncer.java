package dev.baton.core.alerts;

import dev.baton.core.freeze.FreezeTransition;
import dev.baton.core.freeze.FreezeTransitions;
import dev.baton.core.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces freezes starting and ending on the routed channels, from a sweep that runs every minute: the
 * transitions of the last {@link #LOOKBACK} ({@link FreezeTransitions}), each sent once per target however many
 * sweeps see it. One announcement per freeze, listing its pipeline patterns, never one per pipeline; where it goes
 * is {@link AlertRouting#announcing} for {@link AlertKind#FREEZE}. Each delivery is claimed like an alert's (the
 * delivery log, keyed by the freeze occurrence and its edge): sent is never sent again, refused for good is not
 * retried, a transient failure is retried by the next sweeps while the transition is in the look-back.
 */
public final class FreezeAnnouncer {
  /** How far back a sweep looks: a transition missed by this many sweeps in a row is not announced any more. */
  public static final Duration LOOKBACK = Duration.ofMinutes(15);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final FreezeTransitions transitions;
  private final AlertRouting routing;
  private final AlertStore store;
  private final Map<Target.Type, AnnouncementSender> senders;

  public FreezeAnnouncer(FreezeTransitions transitions, AlertRouting routing, AlertStore store,
                         Map<Target.Type, AnnouncementSender> senders) {
    this.transitions = transitions;
    this.routing = routing;
    this.store = store;
    this.senders = Map.copyOf(senders);
  }

  /** One delivery of one announcement: the freeze, its edge, the target, and SENT, FAILED, REJECTED or DONE. */
  public record Delivered(String freeze, FreezeTransition.Edge edge, String target, String outcome) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("freeze", freeze);
      m.put("edge", edge.name());
      m.put("target", target);
      m.put("outcome", outcome);
      return m;
    }
  }

  /** Announces what started or ended in the look-back before {@code now} and is not announced yet. */
  public List<Delivered> sweep(Instant now) {
    List<Delivered> out = new ArrayList<>();
    for (FreezeTransition t : transitions.between(now.minus(LOOKBACK), now)) {
      Announcement a = announcement(t);
      NoticeKey key = new NoticeKey("FREEZE#" + t.occurrence(), t.since().toString(), 0, t.edge().name());
      for (Target target : routing.announcing(AlertKind.FREEZE, t.pipelines())) {
        out.add(new Delivered(t.occurrence(), t.edge(), target.id(), deliver(key, target, a, now)));
      }
    }
    return out;
  }

  private String deliver(NoticeKey key, Target target, Announcement a, Instant now) {
    AnnouncementSender sender = senders.get(target.type());
    if (sender == null) {
      return "SKIPPED";
    }
    Claim claim = store.claim(key, target, now, now.plus(LEASE));
    if (!claim.ours()) {
      return "DONE";
    }
    try {
      Receipt r = sender.announce(target, a);
      store.delivered(key, target, r, now);
      Log.info("freeze announced", "freeze", key.pipeline(), "edge", key.id(), "target", target.id());
      return "SENT";
    } catch (DeliveryRejectedException e) {
      store.failed(key, target, e.getMessage(), true, now);
      Log.error("freeze announcement refused; not retried", "freeze", key.pipeline(), "edge", key.id(),
          "target", target.id(), "error", e.getMessage());
      return "REJECTED";
    } catch (RuntimeException e) {
      store.failed(key, target, e.getMessage(), false, now);
      Log.warn("freeze announcement failed for now; the next sweep tries again", "freeze", key.pipeline(),
          "edge", key.id(), "target", target.id(), "error", e.getMessage());
      return "FAILED";
    }
  }

  static Announcement announcement(FreezeTransition t) {
    String what = t.name().equals(dev.baton.core.freeze.Freeze.AD_HOC) ? "ad hoc on " + t.pipelines().getFirst()
        : t.name();
    String pipelines = String.join(", ", t.pipelines());
    if (t.edge() == FreezeTransition.Edge.STARTED) {
      return new Announcement("FREEZE_STARTED", "Freeze started: " + what, t.describe() + " freezes " + pipelines
          + " until " + utc(t.until()) + ". Releases wait until it ends (or are dropped where the freeze says so), "
          + "and approvals need a break-glass approver.", t.pipelines());
    }
    return new Announcement("FREEZE_ENDED", "Freeze ended: " + what, t.describe() + " no longer freezes "
        + pipelines + " (since " + utc(t.until()) + "). Releases held by it start within a minute.", t.pipelines());
  }

  private static String utc(Instant t) {
    return t.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }
}
