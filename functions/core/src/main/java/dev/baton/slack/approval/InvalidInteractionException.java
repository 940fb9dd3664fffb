package dev.baton.slack.approval;

/** A signed request that is not an interaction Baton handles (not a form, no payload, unknown action). */
public final class InvalidInteractionException extends RuntimeException {
  public InvalidInteractionException(String message) {
    super(message);
  }
}
