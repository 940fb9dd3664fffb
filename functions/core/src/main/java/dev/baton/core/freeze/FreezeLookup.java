package dev.baton.core.freeze;

import java.time.Instant;
import java.util.Optional;

/**
 * "Is this pipeline frozen at that instant, by what, until when?" ({@link Freezes#at}), for code that only asks.
 * An implementation that cannot tell (the table does not answer) throws: the caller decides whether that fails closed.
 */
@FunctionalInterface
public interface FreezeLookup {
  /** Never frozen: for set-ups without freezes. */
  FreezeLookup NONE = (pipeline, t) -> Optional.empty();

  Optional<Freeze> at(String pipeline, Instant t);
}
