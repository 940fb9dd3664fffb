package dev.baton.core.runtime;

import dev.baton.core.log.Log;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Retries one call within a number of attempts and a total time budget: what the chat clients (Slack, Teams) share.
 * Each attempt gets a read timeout of at most what is left of the budget; a failure the caller calls retryable is
 * tried again after the wait it asks for (a {@code Retry-After}) or a jittered exponential backoff (~200, 400, 800 ms,
 * capped at 2 s), unless that wait does not fit the budget. Every retry and give-up is logged with the call's name,
 * never its URL or credentials.
 */
public final class RetryBudget {
  /** What a failed attempt says about trying again. */
  public record Verdict(boolean retry, Optional<Long> waitMs, String code, int httpStatus) {}

  /** How the budget waits between attempts (replaced in tests so they need not sleep). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final String service;
  private final int maxAttempts;
  private final Duration maxTotal;
  private final Duration readTimeout;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;

  public RetryBudget(String service, int maxAttempts, Duration maxTotal, Duration readTimeout, Sleeper sleeper,
                     LongSupplier nanoClock) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.service = service;
    this.maxAttempts = maxAttempts;
    this.maxTotal = maxTotal;
    this.readTimeout = readTimeout;
    this.sleeper = sleeper;
    this.nanoClock = nanoClock;
  }

  /**
   * Runs {@code attempt} (given its read timeout in ms) until it returns, or throws a {@code failureType} that
   * {@code verdict} does not retry, or the attempts or the budget run out: then the last failure is thrown.
   */
  public <T, E extends RuntimeException> T run(String call, Class<E> failureType, IntFunction<T> attempt,
                                               Function<E, Verdict> verdict) {
    long start = nanoClock.getAsLong();
    long budgetMs = maxTotal.toMillis();
    for (int n = 1; ; n++) {
      long remaining = budgetMs - (nanoClock.getAsLong() - start) / 1_000_000;
      E failure;
      try {
        return attempt.apply((int) Math.max(1, Math.min(remaining, readTimeout.toMillis())));
      } catch (RuntimeException e) {
        if (!failureType.isInstance(e)) {
          throw e;
        }
        failure = failureType.cast(e);
      }
      Verdict v = verdict.apply(failure);
      if (!v.retry() || n >= maxAttempts) {
        throw failure;
      }
      int attemptNo = n;
      long waitMs = v.waitMs().orElseGet(() -> backoffMs(attemptNo));
      long elapsed = (nanoClock.getAsLong() - start) / 1_000_000;
      if (elapsed + waitMs >= budgetMs) {
        Log.warn(service + " call not retried: the wait does not fit the time budget", "method", call, "attempt", n,
            "error", v.code(), "waitMs", waitMs, "budgetMs", budgetMs);
        throw failure;
      }
      Log.warn(service + " call failed; retrying", "method", call, "attempt", n, "error", v.code(),
          "httpStatus", v.httpStatus(), "waitMs", waitMs);
      try {
        sleeper.sleep(waitMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /** Exponential backoff with jitter: ~200, 400, 800 ms ... capped at 2 s. */
  static long backoffMs(int attempt) {
    long ceiling = Math.min(2000, 200L << Math.min(attempt - 1, 4));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
