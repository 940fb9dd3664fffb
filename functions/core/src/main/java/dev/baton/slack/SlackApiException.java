package dev.baton.slack;

import java.util.Optional;

/**
 * A Slack call that did not succeed: Slack answered {@code ok:false} (the {@link #error()} code is Slack's, e.g.
 * {@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth}), answered with an HTTP error, or could
 * not be reached within the retry budget. {@link #retryable()} tells whether the same call may succeed later
 * (rate limits, Slack's 5xx, timeouts) or will fail again until something is fixed (auth, scopes, channel).
 *
 * <p>The message names the Slack method (or "response_url") and the error code; it never carries the bot token, a
 * response URL or a webhook URL.
 */
public final class SlackApiException extends RuntimeException {
  private final String method;
  private final String error;
  private final boolean retryable;
  private final int httpStatus;
  private final Optional<Long> retryAfterSeconds;

  SlackApiException(String method, String error, boolean retryable, int httpStatus, Optional<Long> retryAfterSeconds,
                    String detail) {
    super("Slack " + method + " failed: " + error + (httpStatus > 0 && httpStatus != 200 ? " (HTTP " + httpStatus
        + ")" : "") + (detail == null || detail.isEmpty() ? "" : ": " + detail)
        + (retryable ? " (retryable)" : ""));
    this.method = method;
    this.error = error;
    this.retryable = retryable;
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The Slack method called ({@code chat.postMessage}), or {@code response_url} for a webhook-style post. */
  public String method() {
    return method;
  }

  /**
   * Slack's error code ({@code channel_not_found}, {@code ratelimited}, ...), or for transport failures one of
   * {@code http_<status>}, {@code timeout}, {@code unreachable}.
   */
  public String error() {
    return error;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status of the last answer; 0 when no answer came. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Slack's Retry-After, when the last answer was a 429. */
  public Optional<Long> retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
