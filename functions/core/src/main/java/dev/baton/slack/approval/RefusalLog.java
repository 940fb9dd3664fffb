package dev.baton.slack.approval;

import dev.baton.core.log.Log;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Logs requests refused for their signature without letting a flood of them flood the log (and its bill): the
 * first {@code perWindow} of each window get a line each, the rest are counted and summed up in one line when the
 * next window starts.
 */
final class RefusalLog {
  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private long windowStart;
  private int seen;
  private final Map<String, Integer> unlogged = new TreeMap<>();

  RefusalLog(int perWindow, Duration window, LongSupplier nanoClock) {
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  synchronized void refused(String reason, String sourceIp) {
    long now = nanoClock.getAsLong();
    if (now - windowStart >= windowNanos) {
      summary();
      windowStart = now;
      seen = 0;
    }
    if (++seen <= perWindow) {
      Log.warn("callback request refused: not signed by Slack", "reason", reason, "sourceIp", sourceIp);
    } else {
      unlogged.merge(reason.startsWith("timestamp is ") ? "timestamp out of the 5-minute window" : reason, 1,
          Integer::sum);
    }
  }

  private void summary() {
    if (!unlogged.isEmpty()) {
      Log.warn("callback requests refused without a line each (more than " + perWindow + " in "
          + Duration.ofNanos(windowNanos).toSeconds() + " s)", "count",
          unlogged.values().stream().mapToInt(Integer::intValue).sum(), "reasons", Map.copyOf(unlogged));
      unlogged.clear();
    }
  }
}
