package dev.baton.core.runtime;

import dev.baton.core.log.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's hot paths ahead of its first request, so that request finds its classes loaded and
 * initialised and its code compiled. When depends on how Lambda initialises the environment
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE}):
 * <ul>
 *   <li>{@code snap-start}: in the CRaC {@code beforeCheckpoint} hook, so the snapshot holds a primed function; the
 *       {@code afterRestore} work runs in every environment restored from it;</li>
 *   <li>{@code provisioned-concurrency}: at init, which Lambda runs ahead of any request;</li>
 *   <li>{@code on-demand}: not at all. Init and the first request run back to back there, so priming would only add
 *       its time to that request, and build clients and TLS that the event may not need (a refused request needs
 *       none).</li>
 * </ul>
 * The work runs {@link #ROUNDS} times: on a SnapStart version and with provisioned concurrency Lambda's java25
 * runtime compiles with C2 (tiered compilation does not stop at C1 there), so repeating the paths lets the JIT
 * compile them before the snapshot instead of on the first requests after it. Then the clients the function builds
 * on their first call are built ({@link #ahead}: no call is made), so a restored environment does not build them
 * on its first request.
 *
 * <p>The work must be free of side effects (no call leaves the process: see {@code dev.baton.aws.priming}); what it
 * would log is dropped ({@link Log#muted}), and one line says that priming ran, how long it took, how many calls
 * the in-process stand-ins answered in a round, which paths it took ({@link Primed}) and what it built ahead. A
 * failure is logged once and never blocks the snapshot.
 */
public final class Priming implements Resource {
  /** Where the work runs. */
  public enum Mode { SNAPSHOT, AT_INIT, NONE }

  /** Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
  public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  /**
   * How many times the work runs. Measured with {@code bench/priming.sh} on the callback (docs/performance.md §
   * Priming): the primed first invocation drops from one round to five, and not further with 20 or 50.
   */
  public static final int ROUNDS = 5;

  /** What is built after the rounds: only where priming runs at all, so an on-demand environment keeps nothing. */
  private static final List<Ahead> AHEAD = new CopyOnWriteArrayList<>();

  private record Ahead(String what, Runnable build) {}

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

  /** {@link #register(String, Supplier, Runnable)} with nothing to do after a restore. */
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

  /**
   * Has {@code build} run after the priming rounds of this process, where priming runs at all (SnapStart,
   * provisioned concurrency): for something the function otherwise builds on first use, such as an SDK client.
   * {@code build} must make no call.
   */
  public static void ahead(String what, Runnable build) {
    ahead(mode(System.getenv(INITIALIZATION_TYPE)), what, build);
  }

  static void ahead(Mode mode, String what, Runnable build) {
    if (mode != Mode.NONE) {
      AHEAD.add(new Ahead(what, build));
    }
  }

  /** Runs the work now, {@link #ROUNDS} times with its log lines muted, then the builds ahead; a failure is logged. */
  public void prime() {
    long start = System.nanoTime();
    AtomicReference<Primed> primed = new AtomicReference<>();
    try {
      Log.muted(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          primed.set(work.get());
        }
      });
      Log.info("primed", "function", name, "ms", (System.nanoTime() - start) / 1_000_000, "rounds", ROUNDS,
          "callsAnsweredInProcess", primed.get().callsAnsweredInProcess(), "callsSent", 0,
          "paths", primed.get().paths(), "builtAhead", buildAhead());
    } catch (RuntimeException e) {
      Log.warn("priming failed; the function starts unprimed", "function", name, "error", e.toString());
    }
  }

  /** Builds what was registered {@link #ahead}; one that fails is left to its first use, and named. */
  private static List<String> buildAhead() {
    List<String> built = new ArrayList<>();
    for (Ahead a : AHEAD) {
      try {
        a.build().run();
        built.add(a.what());
      } catch (RuntimeException e) {
        Log.warn("not built ahead; it is built on its first use", "what", a.what(), "error", e.toString());
      }
    }
    return built;
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
