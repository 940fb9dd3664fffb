package dev.baton.core.chatops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the command answers show them: UTC, to the minute. */
final class Times {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Times() {}

  static String show(Instant t) {
    return FORMAT.format(t);
  }
}
