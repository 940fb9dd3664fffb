package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleTimeTest {
  @Test
  void everyUtcTimestampMovesByTheSameMinutesAndKeepsItsPrecision() {
    String sample = "{\"time\": \"2026-11-27T13:12:07Z\", "
        + "\"Message\": \"{\\\"expires\\\": \\\"2026-11-27T13:12Z\\\"}\","
        + " \"Timestamp\": \"2026-11-20T13:12:41.362Z\", \"start-time\": \"2026-11-20T23:59:27.915Z\", \"n\": 42}";

    String moved = SampleTime.shift(sample, Duration.ofDays(11).plusMinutes(3));

    assertEquals("{\"time\": \"2026-12-08T13:15:07Z\", "
        + "\"Message\": \"{\\\"expires\\\": \\\"2026-12-08T13:15Z\\\"}\","
        + " \"Timestamp\": \"2026-12-01T13:15:41.362Z\", \"start-time\": \"2026-12-02T00:02:27.915Z\", \"n\": 42}",
        moved);
  }

  @Test
  void theApprovalSamplesMoveToAMinuteAgo() {
    Duration shift = SampleTime.approvalsToNow();
    Instant requested = SampleTime.APPROVAL_REQUESTED.plus(shift);

    assertEquals(0, shift.toSeconds() % 60);
    assertTrue(!requested.isAfter(Instant.now().minusSeconds(60)) && requested.isAfter(Instant.now().minusSeconds(125)),
        requested::toString);
    assertThrows(IllegalArgumentException.class, () -> SampleTime.shift("{}", Duration.ofSeconds(30)));
  }
}
