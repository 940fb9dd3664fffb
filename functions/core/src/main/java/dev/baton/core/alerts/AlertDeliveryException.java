package dev.baton.core.alerts;

/**
 * Some deliveries of an event's alerts failed in a way that may pass. Thrown after every other delivery was made, so
 * Lambda retries the event (which re-sends only what is not delivered) and, when retries run out, puts it with this
 * message on the on-failure destination: the message names what was and was not delivered.
 */
public final class AlertDeliveryException extends RuntimeException {
  public AlertDeliveryException(String message) {
    super(message);
  }
}
