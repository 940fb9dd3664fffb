package dev.baton.core.approval;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When a callback request's answer budget (Slack's 3 seconds) started, as far as the function can tell. Slack's clock
 * runs from the moment it sent the request; the function sees the request only once its environment is ready:
 * <ul>
 *   <li>on an on-demand cold start Lambda held the request while the environment initialised, so the first request
 *       counts from the start of initialisation;</li>
 *   <li>after a SnapStart restore, from the restore ({@link #restored()}, called by the {@code afterRestore} hook):
 *       the snapshot was initialised long before, and counting from then would hand every first click off;</li>
 *   <li>in an environment initialised ahead of requests (provisioned concurrency), and for every later request,
 *       from the moment the handler got it.</li>
 * </ul>
 */
public final class RequestClock {
  private static final long NONE = Long.MIN_VALUE;

  private final LongSupplier nanoClock;
  /** The start the next request counts from, or {@link #NONE}: the request's own arrival. */
  private final AtomicLong pending;

  private RequestClock(LongSupplier nanoClock, long pending) {
    this.nanoClock = nanoClock;
    this.pending = new AtomicLong(pending);
  }

  /**
   * The clock of an environment whose initialisation started at {@code initNanos}, for Lambda's
   * {@code AWS_LAMBDA_INITIALIZATION_TYPE} ({@code on-demand}, {@code provisioned-concurrency}, {@code snap-start};
   * null or anything else: on-demand).
   */
  public static RequestClock forInitialization(String initializationType, long initNanos, LongSupplier nanoClock) {
    boolean onDemand = !"snap-start".equals(initializationType)
        && !"provisioned-concurrency".equals(initializationType);
    return new RequestClock(nanoClock, onDemand ? initNanos : NONE);
  }

  /** The environment was just restored from a snapshot: the next request counts from now. */
  public void restored() {
    pending.set(nanoClock.getAsLong());
  }

  /** The start of the budget of the request the handler got just now. */
  public long requestStart() {
    long start = pending.getAndSet(NONE);
    return start == NONE ? nanoClock.getAsLong() : start;
  }
}
