package dev.baton.core.release;

/**
 * Another delivery of the same upload holds the claim and is still starting the pipeline. Transient: the event is
 * retried, and by then the release is finished (a duplicate) or its lease has run out (taken over).
 */
public final class ReleaseInProgressException extends RuntimeException {
  public ReleaseInProgressException(String message) {
    super(message);
  }
}
