package dev.baton.core.release;

/** Where a release stands. STARTING holds a lease; STARTED and FAILED are final. */
public enum ReleaseStatus { STARTING, STARTED, FAILED }
