package dev.baton.core.runtime;

import dev.baton.core.log.Log;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's hot path once before SnapStart takes its snapshot (a CRaC {@code beforeCheckpoint} hook), so
 * the restored function starts with its classes loaded and initialised. Priming must be side-effect free (parse a
 * sample, render, read a key that does not exist); a failure is logged and never blocks the snapshot.
 */
public final class Priming implements Resource {
  private final String name;
  private final Runnable work;

  private Priming(String name, Runnable work) {
    this.name = name;
    this.work = work;
  }

  /** Registers {@code work}; the returned object must stay reachable (keep it in a static field). */
  public static Priming register(String name, Runnable work) {
    Priming p = new Priming(name, work);
    Core.getGlobalContext().register(p);
    return p;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      work.run();
    } catch (RuntimeException e) {
      Log.warn("priming failed; the snapshot is taken anyway", "function", name, "error", e.toString());
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing: clients re-resolve credentials through the default chain
  }
}
