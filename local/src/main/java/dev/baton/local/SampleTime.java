package dev.baton.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves the sample events of events/ to the present. The samples are dated (the approval story was recorded on
 * 2026-11-20 and its request expires seven days later); code that compares them with the clock, such as an approval
 * that expired, needs them as if they happened now. Every UTC timestamp in a sample ({@code 2026-11-27T13:12Z},
 * {@code 2026-11-20T13:12:41.362Z}, also inside an SNS message's JSON string) moves by the same whole number of
 * minutes, so a story keeps its shape (request, expiry, the timeout event) and each value its precision.
 */
public final class SampleTime {
  /** When the approval samples' request was made: the SNS Timestamp of events/sns-approval-notification.json. */
  public static final Instant APPROVAL_REQUESTED = Instant.parse("2026-11-20T13:12:41Z");

  private static final Pattern UTC =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})((?::\\d{2}(?:\\.\\d{1,9})?)?Z)");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private SampleTime() {}

  /** The whole minutes that move {@code sampleTime} to just before {@code now} (never a fraction of a minute). */
  public static Duration offset(Instant sampleTime, Instant now) {
    return Duration.ofMinutes(ChronoUnit.MINUTES.between(sampleTime, now));
  }

  /** {@code json} with every UTC timestamp moved by {@code by} (whole minutes). */
  public static String shift(String json, Duration by) {
    if (by.toSeconds() % 60 != 0 || by.getNano() != 0) {
      throw new IllegalArgumentException("shift by whole minutes only, not " + by);
    }
    Matcher m = UTC.matcher(json);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      LocalDateTime t = LocalDateTime.parse(m.group(1), MINUTES).plus(by);
      m.appendReplacement(out, Matcher.quoteReplacement(t.format(MINUTES) + m.group(2)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The shift that moves the approval samples to the present: their request made a minute ago. */
  public static Duration approvalsToNow() {
    return offset(APPROVAL_REQUESTED, Instant.now().minusSeconds(60));
  }
}
