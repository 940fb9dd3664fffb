package dev.baton.aws.lambda;

import dev.baton.core.approval.HandOff;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

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

  /**
   * The answer of a function that takes Function URL requests and its own hand-offs: a request goes to
   * {@code request}; a hand-off's approval is {@code finish}ed and answered with its id; anything else is refused.
   */
  public static String answer(JsonObject event, Function<JsonObject, String> request, Consumer<String> finish) {
    if (FunctionUrlEvent.is(event)) {
      return request.apply(event);
    }
    Optional<String> id = approvalId(event);
    if (id.isEmpty()) {
      throw new MalformedJsonException("$: neither a Function URL request nor a batonFinish hand-off");
    }
    finish.accept(id.get());
    return Json.write(Map.of("finished", id.get()));
  }

  /** The approval id of a hand-off event, or empty for any other event. */
  public static Optional<String> approvalId(JsonObject event) {
    return event.has("batonFinish") ? Optional.of(event.object("batonFinish").string("approvalId")) : Optional.empty();
  }
}
