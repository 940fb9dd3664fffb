package dev.baton.core.freeze;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which freezes started or ended in a span of time: the occurrences of the configured windows (each resolved in its
 * own zone, so across a daylight-saving change too) and the ad-hoc freezes (one that was ended early ends when it
 * was ended). The configured windows are looked at once a minute across the span, so an occurrence shorter than a
 * minute may be missed.
 */
public final class FreezeTransitions {
  private static final Duration STEP = Duration.ofMinutes(1);

  private final FreezeCalendar calendar;
  private final AdHocFreezeStore adHoc;

  public FreezeTransitions(FreezeCalendar calendar, AdHocFreezeStore adHoc) {
    this.calendar = calendar;
    this.adHoc = adHoc;
  }

  /** Every start and end in {@code (from, to]}, in the order they happened. */
  public List<FreezeTransition> between(Instant from, Instant to) {
    List<FreezeTransition> out = new ArrayList<>();
    for (FreezeRule rule : calendar.rules()) {
      Set<FreezeWindow.Interval> seen = new LinkedHashSet<>();
      for (Instant t = from; !t.isAfter(to); t = t.plus(STEP)) {
        rule.window().covering(t).ifPresent(seen::add);
      }
      rule.window().covering(to).ifPresent(seen::add);
      for (FreezeWindow.Interval i : seen) {
        add(out, from, to, rule.name(), rule.description(), Optional.empty(), rule.pipelines(), i.start(), i.end());
      }
    }
    for (AdHocFreeze f : adHoc.active(from)) {
      add(out, from, to, Freeze.AD_HOC, f.reason(), Optional.of(f.by()), List.of(f.target()), f.since(), f.until());
    }
    out.sort((a, b) -> a.at().compareTo(b.at()));
    return out;
  }

  private static void add(List<FreezeTransition> out, Instant from, Instant to, String name, String reason,
                          Optional<String> by, List<String> pipelines, Instant since, Instant until) {
    if (since.isAfter(from) && !since.isAfter(to)) {
      out.add(new FreezeTransition(FreezeTransition.Edge.STARTED, name, reason, by, pipelines, since, until));
    }
    if (until.isAfter(from) && !until.isAfter(to)) {
      out.add(new FreezeTransition(FreezeTransition.Edge.ENDED, name, reason, by, pipelines, since, until));
    }
  }
}
