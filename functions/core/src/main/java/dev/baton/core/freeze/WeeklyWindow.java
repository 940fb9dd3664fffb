package dev.baton.core.freeze;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** Every week from {@code fromDay fromTime} to the next {@code toDay toTime}, wall-clock time in {@code zone}. */
public record WeeklyWindow(DayOfWeek fromDay, LocalTime fromTime, DayOfWeek toDay, LocalTime toTime, ZoneId zone)
    implements FreezeWindow {

  public WeeklyWindow {
    if (fromDay == toDay && fromTime.equals(toTime)) {
      throw new IllegalArgumentException("a weekly window must end at another time than it starts");
    }
  }

  @Override
  public Optional<Interval> covering(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(fromDay));
    ZonedDateTime start = ZonedDateTime.of(day, fromTime, zone);
    if (start.toInstant().isAfter(t)) {
      start = ZonedDateTime.of(day.minusWeeks(1), fromTime, zone);
    }
    LocalDateTime end = LocalDateTime.of(start.toLocalDate().with(TemporalAdjusters.nextOrSame(toDay)), toTime);
    if (!end.isAfter(start.toLocalDateTime())) {
      end = end.plusWeeks(1);
    }
    Instant endsAt = ZonedDateTime.of(end, zone).toInstant();
    return t.isBefore(endsAt) ? Optional.of(new Interval(start.toInstant(), endsAt)) : Optional.empty();
  }

  @Override
  public String describe() {
    return "every " + fromDay + " " + fromTime + " to " + toDay + " " + toTime + " " + zone;
  }
}
