package dev.baton.core.freeze;

/** What happens to a release that arrives while its pipeline is frozen. */
public enum WhenFrozen {
  /** Recorded HELD and started once the freeze is over. */
  HOLD,
  /** Recorded DROPPED, with the freeze as its reason; never started. */
  DROP
}
