package dev.baton.core.runtime;

import dev.baton.core.log.Log;
import java.util.Objects;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's hot path once ahead of its first request, so that request finds its classes loaded and
 * initialised. When depends on how Lambda initialises the environment ({@code AWS_LAMBDA_INITIALIZATION_TYPE}):
 * <ul>
 *   <li>{@code snap-start}: in the CRaC {@code beforeCheckpoint} hook, so the snapshot holds a primed function; the
 *       {@code afterRestore} work runs in every environment restored from it;</li>
 *   <li>{@code provisioned-concurrency}: at init, which Lambda runs ahead of any request;</li>
 *   <li>{@code on-demand}: not at all. Init and the first request run back to back there, so priming would only add
 *       its time to that request, and build clients and TLS that the event may not need (a refused request needs
 *       none).</li>
 * </ul>
 * The work must be free of side effects (no call leaves the process: see {@code dev.baton.aws.priming}); what it
 * would log is dropped ({@link Log#muted}), and one line says that priming ran, how long it took, how many calls
 * the in-process stand-ins answered and which paths it took ({@link Primed}). A failure is logged once and never
 * blocks the snapshot.
 */
public final class Priming implements Resource {
  /** Where the work runs. */
  public enum Mode { SNAPSHOT, AT_INIT, NONE }

  /** Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
  public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private final String name;
  private final Supplier<Primed> work;
  private final Runnable afterRestore;

  private Priming(String name, Supplier<Primed> work, Runnable afterRestore) {
    this.name = name;
    this.work = Objects.requireNonNull(work, "work");
    this.afterRestore = Objects.requireNonNull(afterRestore, "afterRestore");
  }

  public static Mode mode(String initializationType) {
    if ("snap-start".equals(initializationType)) {
      return Mode.SNAPSHOT;
    }
    return "provisioned-concurrency".equals(initializationType) ? Mode.AT_INIT : Mode.NONE;
  }

  /** {@link #register(String, Supplier<Primed>, Runnable)} with nothing to do after a restore. */
  public static Priming register(String name, Supplier<Primed> work) {
    return register(name, work, () -> { });
  }

  /**
   * Primes with {@code work} (which returns how many calls its stand-ins answered, and its paths) where this
   * environment's initialisation type calls for it, and runs {@code afterRestore} in every environment restored from
   * a snapshot. The returned object must stay reachable (keep it in a static field): the CRaC context holds its
   * resources weakly.
   */
  public static Priming register(String name, Supplier<Primed> work, Runnable afterRestore) {
    Priming p = new Priming(name, work, afterRestore);
    switch (mode(System.getenv(INITIALIZATION_TYPE))) {
      case SNAPSHOT -> Core.getGlobalContext().register(p);
      case AT_INIT -> p.prime();
      case NONE -> { }
    }
    return p;
  }

  /** Runs the work now, its log lines muted; a failure is logged and swallowed. */
  public void prime() {
    long start = System.nanoTime();
    java.util.concurrent.atomic.AtomicReference<Primed> primed = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      Log.muted(() -> primed.set(work.get()));
      Log.info("primed", "function", name, "ms", (System.nanoTime() - start) / 1_000_000,
          "callsAnsweredInProcess", primed.get().callsAnsweredInProcess(), "callsSent", 0,
          "paths", primed.get().paths());
    } catch (RuntimeException e) {
      Log.warn("priming failed; the function starts unprimed", "function", name, "error", e.toString());
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    afterRestore.run();
  }
}
