package dev.baton.core.alerts;

/**
 * A channel refused a message for a reason that retrying will not fix (Slack {@code channel_not_found},
 * {@code not_in_channel}, {@code invalid_auth}; SNS {@code NotFound}, {@code AuthorizationError}). The message says
 * what to fix and never holds a secret.
 */
public final class DeliveryRejectedException extends Exception {
  private final String code;

  public DeliveryRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
