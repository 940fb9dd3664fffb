package dev.baton.core.runtime;

import dev.baton.core.config.ConfigException;
import java.time.Duration;
import java.util.Optional;

/** Function settings from environment variables, with errors that name the variable. */
public final class Env {
  private Env() {}

  public static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new ConfigException("environment variable " + name + " is not set");
    }
    return v;
  }

  public static Optional<String> optional(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  /** A retention in days; unset or 0 means keep forever. */
  public static Optional<Duration> retentionDays(String name) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      long days = Long.parseLong(v.get().trim());
      if (days < 0) {
        throw new ConfigException(name + " must be 0 (keep forever) or a number of days, not " + days);
      }
      return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number of days");
    }
  }
}
