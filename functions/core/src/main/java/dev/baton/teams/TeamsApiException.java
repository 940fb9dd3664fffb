package dev.baton.teams;

import java.util.Optional;

/**
 * A call to a Microsoft endpoint (a Teams Workflows webhook, the Bot Framework) that did not succeed. The message
 * names the call and the HTTP status and code, never a URL (a webhook URL is a credential) nor a token.
 */
public final class TeamsApiException extends RuntimeException {
  private final String call;
  private final int httpStatus;
  private final String code;
  private final boolean retryable;
  private final Optional<Long> retryAfterMillis;

  public TeamsApiException(String call, int httpStatus, String code, boolean retryable, Optional<Long> retryAfterMillis,
                           String detail) {
    super(call + " failed: " + code + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
        + (detail == null || detail.isBlank() ? "" : ": " + detail));
    this.call = call;
    this.httpStatus = httpStatus;
    this.code = code;
    this.retryable = retryable;
    this.retryAfterMillis = retryAfterMillis;
  }

  public String call() {
    return call;
  }

  /** The HTTP status, 0 when there was no answer (timeout, connection refused). */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@code http_404}, {@code timeout}, or the error code the answer carried. */
  public String code() {
    return code;
  }

  /** Throttling, 5xx, timeouts: trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }

  public Optional<Long> retryAfterMillis() {
    return retryAfterMillis;
  }
}
