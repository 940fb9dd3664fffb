package dev.baton.core.events;

import java.util.List;

/**
 * Publishes Baton's events. Called after the state change the events report is recorded; returns when every event
 * was accepted, and throws otherwise, so the invocation fails and its retry publishes the same events again.
 */
public interface EventPublisher {
  /** Publishes nothing (for callers that have no events to send, and for code paths run before a snapshot). */
  EventPublisher NONE = events -> { };

  /**
   * @throws EventPublishException when some event was still refused after the publisher's retries
   */
  void publish(List<BatonEvent> events);

  default void publish(BatonEvent event) {
    publish(List.of(event));
  }
}
