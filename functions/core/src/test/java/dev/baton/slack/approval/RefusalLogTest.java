package dev.baton.slack.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.slack.CapturedLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
  @Test
  void givenAFloodOfRefusals_thenTheFirstOfEachMinuteAreLoggedAndTheRestSummedUp() {
    AtomicLong nanos = new AtomicLong();
    RefusalLog refusals = new RefusalLog(3, Duration.ofMinutes(1), nanos::get);

    try (CapturedLog log = CapturedLog.start()) {
      for (int i = 0; i < 10; i++) {
        String reason = i % 2 == 0 ? "signature does not match" : "timestamp is " + (400 + i) + " s away";
        refusals.refused(reason, "192.0.2.1");
      }
      nanos.addAndGet(Duration.ofSeconds(61).toNanos());
      refusals.refused("no X-Slack-Signature header", "192.0.2.9");

      String[] lines = log.text().strip().split("\n");
      assertEquals(5, lines.length, log.text());
      assertTrue(lines[0].contains("\"reason\":\"signature does not match\""), lines[0]);
      assertTrue(lines[3].contains("\"count\":7") && lines[3].contains("\"signature does not match\":3")
          && lines[3].contains("\"timestamp out of the 5-minute window\":4"), lines[3]);
      assertTrue(lines[4].contains("no X-Slack-Signature header"), lines[4]);
    }
  }
}
