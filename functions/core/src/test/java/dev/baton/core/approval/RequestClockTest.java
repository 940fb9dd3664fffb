package dev.baton.core.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestClockTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(100 * SECOND);

  @Test
  void givenAnOnDemandColdStart_thenTheFirstRequestCountsFromInitAndLaterOnesFromTheirArrival() {
    RequestClock clock = RequestClock.forInitialization("on-demand", 99 * SECOND, now::get);

    assertEquals(99 * SECOND, clock.requestStart());
    now.addAndGet(5 * SECOND);
    assertEquals(105 * SECOND, clock.requestStart());
  }

  @Test
  void givenNoInitializationType_thenItIsTreatedAsOnDemand() {
    assertEquals(99 * SECOND, RequestClock.forInitialization(null, 99 * SECOND, now::get).requestStart());
  }

  @Test
  void givenASnapStartRestoreLongAfterInit_thenTheFirstRequestCountsFromTheRestore() {
    RequestClock clock = RequestClock.forInitialization("snap-start", 1 * SECOND, now::get);
    now.set(3_600 * SECOND);   // the snapshot waited an hour before this environment was restored from it
    clock.restored();
    now.addAndGet(SECOND / 10);

    assertEquals(3_600 * SECOND, clock.requestStart());
    now.addAndGet(SECOND);
    assertEquals(3_601 * SECOND + SECOND / 10, clock.requestStart());
  }

  @Test
  void givenAProvisionedEnvironment_thenEvenTheFirstRequestCountsFromItsArrival() {
    RequestClock clock = RequestClock.forInitialization("provisioned-concurrency", 1 * SECOND, now::get);

    assertEquals(100 * SECOND, clock.requestStart());
  }
}
