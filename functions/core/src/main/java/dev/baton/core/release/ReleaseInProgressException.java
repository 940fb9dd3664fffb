package dev.baton.core.release;

/**
 * Another delivery of the same upload holds the claim and is still starting the pipeline (or died doing so).
 * Transient, and deliberately not a DUPLICATE: the event is retried, and by then the release is finished (the retry
 * is the duplicate) or the holder's lease has run out (the retry takes it over), so no release is left unstarted.
 */
public final class ReleaseInProgressException extends RuntimeException {
  public ReleaseInProgressException(String message) {
    super(message);
  }
}
