package dev.baton.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.log.Log;
import dev.baton.slack.CapturedLog;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PrimingTest {
  @Test
  void givenEachInitializationType_thenPrimingRunsBeforeTheSnapshotAtInitOrNotAtAll() {
    assertEquals(Priming.Mode.SNAPSHOT, Priming.mode("snap-start"));
    assertEquals(Priming.Mode.AT_INIT, Priming.mode("provisioned-concurrency"));
    assertEquals(Priming.Mode.NONE, Priming.mode("on-demand"));
    assertEquals(Priming.Mode.NONE, Priming.mode(null));
  }

  @Test
  void givenACheckpoint_thenTheWorkRunsWithItsLogMutedAndOneLineSaysItPrimed() {
    AtomicBoolean restored = new AtomicBoolean();
    Priming p = Priming.register("f", () -> {
      Log.info("release started", "pipeline", "priming");
      return new Primed(7, java.util.List.of("upload"));
    }, () -> restored.set(true));

    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      p.beforeCheckpoint(null);
      log = captured.text();
    }
    p.afterRestore(null);

    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("\"message\":\"primed\"") && log.contains("\"callsAnsweredInProcess\":7")
        && log.contains("\"callsSent\":0") && log.contains("\"paths\":[\"upload\"]"), log);
    assertTrue(restored.get());
  }

  @Test
  void givenWorkThatFails_thenOneWarningAndNoException() {
    Priming p = Priming.register("f", () -> {
      throw new IllegalStateException("boom");
    });

    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      p.beforeCheckpoint(null);
      log = captured.text();
    }

    assertTrue(log.contains("\"level\":\"WARN\"") && log.contains("boom"), log);
  }
}
