package dev.baton.core.log;

import dev.baton.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per log event on stdout, which Lambda sends to CloudWatch Logs and Logs Insights can query. Callers
 * pass only fields that are safe to log: never a token, signing secret or webhook URL.
 */
public final class Log {
  private static volatile PrintStream out = System.out;
  private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> false);

  private Log() {}

  public static void info(String message, Object... keyValues) {
    write("INFO", message, keyValues);
  }

  public static void warn(String message, Object... keyValues) {
    write("WARN", message, keyValues);
  }

  public static void error(String message, Object... keyValues) {
    write("ERROR", message, keyValues);
  }

  /**
   * Runs {@code work} with this thread's log lines dropped: for priming, whose sample work must not leave lines that
   * look like real work in the function's log.
   */
  public static void muted(Runnable work) {
    boolean was = MUTED.get();
    MUTED.set(true);
    try {
      work.run();
    } finally {
      MUTED.set(was);
    }
  }

  private static void write(String level, String message, Object... keyValues) {
    if (MUTED.get()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level);
    line.put("message", message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      line.put(String.valueOf(keyValues[i]), v == null || v instanceof Number || v instanceof Boolean
          || v instanceof Map || v instanceof java.util.List ? v : String.valueOf(v));
    }
    out.println(Json.write(line));
  }
}
