package dev.baton.cli.replay;

/** Sends an event to a function again; the Lambda adapter is {@link LambdaRedriver}. */
interface Redriver {
  /**
   * Returns once the function's service has accepted {@code payload} (JSON) for {@code function} (name or ARN with
   * qualifier), or throws {@link RedriveException} saying why it did not.
   */
  void redrive(String function, String payload);

  /** The event was not accepted; the message says why. */
  final class RedriveException extends RuntimeException {
    RedriveException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
