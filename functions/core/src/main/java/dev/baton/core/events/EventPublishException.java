package dev.baton.core.events;

/** Some events were not accepted after every retry: the invocation fails, so Lambda retries it. */
public final class EventPublishException extends RuntimeException {
  public EventPublishException(String message) {
    super(message);
  }
}
