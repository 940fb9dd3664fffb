package dev.baton.core.freeze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Is pipeline P frozen at instant T, by what, until when? The configured freezes and the ad-hoc ones together.
 * Where several freezes cover the instant, the answer names the first that drops releases (else the first
 * configured, else the first ad-hoc), and its {@code until} is when the pipeline is free again: overlapping and
 * adjoining freezes are followed to their end.
 */
public final class Freezes implements FreezeLookup {
  /** Followed this far at most (a weekly window that adjoins itself would chain forever). */
  private static final int MAX_CHAIN = 60;

  private final FreezeCalendar calendar;
  private final AdHocFreezeStore adHoc;

  public Freezes(FreezeCalendar calendar, AdHocFreezeStore adHoc) {
    this.calendar = calendar;
    this.adHoc = adHoc;
  }

  @Override
  public Optional<Freeze> at(String pipeline, Instant t) {
    List<AdHocFreeze> declared = adHoc.active(t);
    List<Freeze> covering = covering(pipeline, t, declared);
    if (covering.isEmpty()) {
      return Optional.empty();
    }
    Instant until = latestEnd(covering);
    for (int i = 0; i < MAX_CHAIN; i++) {
      List<Freeze> next = covering(pipeline, until, declared);
      if (next.isEmpty()) {
        break;
      }
      until = latestEnd(next);
    }
    Freeze first = covering.stream().filter(f -> f.whenFrozen() == WhenFrozen.DROP).findFirst()
        .orElse(covering.getFirst());
    return Optional.of(first.until(until));
  }

  /** Every freeze in force at {@code t}, on any pipeline: the configured ones, then the ad-hoc ones. */
  public List<Current> current(Instant t) {
    List<Current> out = new ArrayList<>();
    for (FreezeRule rule : calendar.rules()) {
      rule.window().covering(t).ifPresent(i -> out.add(new Current(rule.pipelines(), new Freeze(rule.name(),
          rule.description(), Optional.empty(), i.start(), i.end(), rule.whenFrozen()))));
    }
    for (AdHocFreeze f : adHoc.active(t)) {
      if (!t.isBefore(f.since())) {
        out.add(new Current(List.of(f.target()), adHoc(f)));
      }
    }
    return out;
  }

  public AdHocFreezeStore adHocStore() {
    return adHoc;
  }

  /** A freeze in force, with the pipeline patterns it covers. */
  public record Current(List<String> pipelines, Freeze freeze) {}

  private List<Freeze> covering(String pipeline, Instant t, List<AdHocFreeze> declared) {
    List<Freeze> out = new ArrayList<>();
    for (FreezeRule rule : calendar.rules()) {
      if (rule.covers(pipeline)) {
        rule.window().covering(t).ifPresent(i -> out.add(new Freeze(rule.name(), rule.description(),
            Optional.empty(), i.start(), i.end(), rule.whenFrozen())));
      }
    }
    declared.stream().filter(f -> f.covers(pipeline, t)).map(Freezes::adHoc).forEach(out::add);
    return out;
  }

  private static Freeze adHoc(AdHocFreeze f) {
    return new Freeze(Freeze.AD_HOC, f.reason(), Optional.of(f.by()), f.since(), f.until(), WhenFrozen.HOLD);
  }

  private static Instant latestEnd(List<Freeze> freezes) {
    return freezes.stream().map(Freeze::until).max(Comparator.naturalOrder()).orElseThrow();
  }
}
