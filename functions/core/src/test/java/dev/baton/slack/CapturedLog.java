package dev.baton.slack;

import dev.baton.core.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/** Captures what {@link Log} writes while a test runs, so tests can assert what is (and is not) logged. */
public final class CapturedLog implements AutoCloseable {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream previous;

  private CapturedLog() {
    this.previous = swap(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  public static CapturedLog start() {
    return new CapturedLog();
  }

  public String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    swap(previous);
  }

  private static PrintStream swap(PrintStream to) {
    try {
      Field f = Log.class.getDeclaredField("out");
      f.setAccessible(true);
      PrintStream before = (PrintStream) f.get(null);
      f.set(null, to);
      return before;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Log has no PrintStream field 'out' to capture", e);
    }
  }
}
