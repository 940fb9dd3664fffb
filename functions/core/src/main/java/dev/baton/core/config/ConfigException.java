package dev.baton.core.config;

/** Configuration that cannot work. The message names the file, the rule and the field, and says what to fix. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
