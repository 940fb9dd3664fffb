package dev.baton.core.freeze;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Once, from {@code from} to {@code to}, wall-clock time in {@code zone} (a holiday, a migration weekend). */
public record DatedWindow(LocalDateTime from, LocalDateTime to, ZoneId zone) implements FreezeWindow {

  public DatedWindow {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("\"to\" (" + to + ") must be after \"from\" (" + from + ")");
    }
  }

  @Override
  public Optional<Interval> covering(Instant t) {
    Instant start = ZonedDateTime.of(from, zone).toInstant();
    Instant end = ZonedDateTime.of(to, zone).toInstant();
    return !t.isBefore(start) && t.isBefore(end) ? Optional.of(new Interval(start, end)) : Optional.empty();
  }

  @Override
  public String describe() {
    return from + " to " + to + " " + zone;
  }
}
