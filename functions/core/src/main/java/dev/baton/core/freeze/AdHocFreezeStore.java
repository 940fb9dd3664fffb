package dev.baton.core.freeze;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where ad-hoc freezes live: one per target (a pipeline, or {@link AdHocFreeze#ALL}); a new one replaces the old. */
public interface AdHocFreezeStore {

  /** Every ad-hoc freeze that has not ended at {@code now}. */
  List<AdHocFreeze> active(Instant now);

  void put(AdHocFreeze freeze);

  /** Ends the freezes on these targets at {@code now}, recording who ended them; returns the ones that were active. */
  List<AdHocFreeze> end(Collection<String> targets, String by, Instant now);
}
