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
  void givenACheckpoint_thenTheWorkRunsItsRoundsWithItsLogMutedThenTheBuildsAheadAndOneLineSaysItPrimed() {
    AtomicBoolean restored = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
    Priming.ahead(Priming.Mode.SNAPSHOT, "a client built on its first use", () -> {
      assertEquals(Priming.ROUNDS, rounds.get(), "built after the rounds");
      built.incrementAndGet();
    });
    Priming.ahead(Priming.Mode.NONE, "a client of an on-demand environment", () -> built.addAndGet(100));
    Priming.ahead(Priming.Mode.SNAPSHOT, "a client that cannot be built now", () -> {
      throw new IllegalStateException("no region");
    });
    Priming p = Priming.register("f", () -> {
      rounds.incrementAndGet();
      Log.info("release started", "pipeline", "priming");
      return new Primed(7, java.util.List.of("upload"));
    }, () -> restored.set(true));

    String log;
    try (CapturedLog captured = CapturedLog.start()) {
      p.beforeCheckpoint(null);
      log = captured.text();
    }
    p.afterRestore(null);

    assertEquals(2, log.lines().count(), log);
    assertTrue(log.contains("\"level\":\"WARN\",\"message\":\"not built ahead; it is built on its first use\"")
        && log.contains("no region"), log);
    String primed = log.lines().filter(l -> l.contains("\"message\":\"primed\"")).findFirst().orElseThrow();
    assertTrue(primed.contains("\"rounds\":" + Priming.ROUNDS) && primed.contains("\"callsAnsweredInProcess\":7")
        && primed.contains("\"callsSent\":0") && primed.contains("\"paths\":[\"upload\"]")
        && primed.contains("\"builtAhead\":[\"a client built on its first use\"]"), primed);
    assertEquals(Priming.ROUNDS, rounds.get());
    assertEquals(1, built.get(), "built once, after the rounds; nothing kept for an on-demand environment");
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
