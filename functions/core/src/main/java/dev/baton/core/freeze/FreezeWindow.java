package dev.baton.core.freeze;

import java.time.Instant;
import java.util.Optional;

/**
 * When a configured freeze applies, in its own time zone: a weekly window, or one dated range. Wall-clock times are
 * resolved in the zone for each occurrence, so "Friday 16:00 to Monday 08:00, Europe/Berlin" ends at 08:00 Berlin
 * time also on the Monday after a daylight-saving change (a local time that does not exist, in the spring gap, is
 * taken as the first instant after the gap; one that exists twice, in autumn, as the earlier).
 */
public sealed interface FreezeWindow permits WeeklyWindow, DatedWindow {

  /** The occurrence of this window that covers {@code t} (start inclusive, end exclusive), if any. */
  Optional<Interval> covering(Instant t);

  /** As the configuration wrote it, for messages: {@code FRIDAY 16:00 to MONDAY 08:00 Europe/Berlin}. */
  String describe();

  /** One occurrence of a window. */
  record Interval(Instant start, Instant end) {}
}
