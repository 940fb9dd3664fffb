package dev.baton.aws.lambda;

import dev.baton.core.approval.HandOff;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * A function's hand-off to itself: an asynchronous invocation carrying {@code {"batonFinish": {"approvalId":
 * ...}}} only, which Lambda retries and parks in the function's dead-letter queue when it cannot finish.
 */
public final class SelfHandOff {
  private SelfHandOff() {}

  /** Hands off to {@code function} (the invoked function's ARN) through {@code invoker}. */
  public static HandOff to(AsyncInvoker invoker, String function) {
    return id -> invoker.invoke(function, Json.write(Map.of("batonFinish", Map.of("approvalId", id))));
  }

  /** The approval id of a hand-off event, or empty for any other event. */
  public static Optional<String> approvalId(JsonObject event) {
    return event.has("batonFinish") ? Optional.of(event.object("batonFinish").string("approvalId")) : Optional.empty();
  }
}
