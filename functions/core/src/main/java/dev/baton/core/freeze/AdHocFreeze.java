package dev.baton.core.freeze;

import dev.baton.core.config.Glob;
import java.time.Instant;

/**
 * A freeze someone declared (from Slack, {@code /baton freeze}): on one pipeline, or on every pipeline when
 * {@code target} is {@link #ALL}; who (a Slack user id), why, from when until when.
 */
public record AdHocFreeze(String target, String reason, String by, Instant since, Instant until) {
  public static final String ALL = "*";

  public boolean covers(String pipeline, Instant t) {
    return Glob.matches(target, pipeline) && !t.isBefore(since) && t.isBefore(until);
  }

  public boolean activeAt(Instant t) {
    return t.isBefore(until);
  }
}
