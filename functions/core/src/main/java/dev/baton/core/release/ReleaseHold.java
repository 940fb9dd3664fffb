package dev.baton.core.release;

import java.time.Instant;

/**
 * Why a release waited, or was dropped: the freeze by name and reason (and who declared it), when the release
 * arrived during it, and until when the pipeline was frozen then.
 */
public record ReleaseHold(String freeze, Instant heldAt, Instant frozenUntil) {}
