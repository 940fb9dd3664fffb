package dev.baton.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What one invocation of a local function returned: the response body, or the error the runtime reported
 * ({@code errorType} set), and how long it took from handing the event over to the answer.
 */
public record Invocation(String requestId, byte[] body, String errorType, Duration elapsed) {
  public boolean failed() {
    return errorType != null;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return (failed() ? "ERROR " + errorType + " " : "OK ") + bodyText() + " (" + elapsed.toMillis() + " ms)";
  }
}
