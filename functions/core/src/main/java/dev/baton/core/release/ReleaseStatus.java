package dev.baton.core.release;

/**
 * Where a release stands. STARTING holds a lease; HELD waits for its pipeline's freeze to end (then STARTING);
 * STARTED, FAILED and DROPPED (arrived during a freeze that drops releases) are final.
 */
public enum ReleaseStatus { STARTING, HELD, STARTED, FAILED, DROPPED }
