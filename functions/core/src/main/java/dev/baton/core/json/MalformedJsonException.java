package dev.baton.core.json;

/**
 * Input that is not the JSON a function expects. The message names the path ({@code $.detail.pipeline}) and what
 * was wrong; it never echoes values, which may be secrets.
 */
public class MalformedJsonException extends RuntimeException {
  public MalformedJsonException(String message) {
    super(message);
  }

  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
