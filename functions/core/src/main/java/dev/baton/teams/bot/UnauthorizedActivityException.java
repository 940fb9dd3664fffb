package dev.baton.teams.bot;

/**
 * An incoming activity whose token did not pass verification: answered 401, with nothing else done. The message says
 * which check failed (for the log) and never holds the token.
 */
public final class UnauthorizedActivityException extends Exception {
  public UnauthorizedActivityException(String message) {
    super(message);
  }
}
