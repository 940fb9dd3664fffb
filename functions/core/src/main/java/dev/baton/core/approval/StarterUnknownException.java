package dev.baton.core.approval;

/** Who started an approval's execution cannot be known now; the message says why (for the log). */
final class StarterUnknownException extends RuntimeException {
  StarterUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
