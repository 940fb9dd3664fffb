package dev.baton.cli.replay;

import dev.baton.cli.replay.ParkedEvent.Source;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a dead letter of either kind Baton's queues hold (README, "Replaying parked events"):
 * <ul>
 *   <li>Lambda's asynchronous-invocation record ({@code version, timestamp, requestContext {requestId, functionArn,
 *   condition, approximateInvokeCount}, requestPayload, responseContext, responsePayload {errorType,
 *   errorMessage}}): the event is {@code requestPayload};</li>
 *   <li>an EventBridge rule target's dead letter: the body is the event, the message attributes {@code RULE_ARN,
 *   TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS} say why;</li>
 * </ul>
 * and a Lambda function's legacy dead-letter queue ({@code RequestID, ErrorCode, ErrorMessage}). Never throws: what
 * cannot be replayed says why.
 */
final class ParkedEvents {
  private ParkedEvents() {}

  static ParkedEvent read(DeadLetter m) {
    Optional<Instant> sent = epochMillis(m.attributes().get("SentTimestamp"));
    JsonObject body;
    try {
      body = Json.parseObject(m.body());
    } catch (MalformedJsonException e) {
      return fromAttributes(m, sent, Optional.empty(), "its body is not a JSON object (" + e.getMessage() + ")");
    }
    if (body.asMap().get("requestContext") instanceof Map<?, ?> context && context.get("functionArn") != null) {
      return invocationRecord(m, body, sent);
    }
    return fromAttributes(m, sent, Optional.of(m.body()), null);
  }

  private static ParkedEvent invocationRecord(DeadLetter m, JsonObject record, Optional<Instant> sent) {
    try {
      JsonObject context = record.object("requestContext");
      StringBuilder why = new StringBuilder(context.optString("condition").orElse("failed"));
      context.optLong("approximateInvokeCount").ifPresent(n -> why.append(" after ").append(n)
          .append(n == 1 ? " attempt" : " attempts"));
      if (record.asMap().get("responsePayload") instanceof Map<?, ?>) {
        JsonObject error = record.object("responsePayload");
        String type = error.optString("errorType").orElse("");
        String message = error.optString("errorMessage").orElse("");
        why.append(": ").append(type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message);
      } else {
        record.optObject("responseContext").flatMap(r -> r.optString("functionError"))
            .ifPresent(e -> why.append(": ").append(e).append(" function error"));
      }
      Object payload = record.asMap().get("requestPayload");
      Optional<Instant> parkedAt = record.optString("timestamp").flatMap(ParkedEvents::instant).or(() -> sent);
      return new ParkedEvent(m, Source.LAMBDA_ON_FAILURE, parkedAt, context.optString("functionArn"),
          why.toString(), Optional.ofNullable(payload).map(Json::write),
          payload == null ? Optional.of("Lambda left the event out of this record (request and response together "
              + "were over the destination's size limit): replay it from its source") : Optional.empty());
    } catch (MalformedJsonException e) {
      return new ParkedEvent(m, Source.LAMBDA_ON_FAILURE, sent, Optional.empty(), "unreadable invocation record",
          Optional.empty(), Optional.of("the invocation record is malformed: " + e.getMessage()));
    }
  }

  private static ParkedEvent fromAttributes(DeadLetter m, Optional<Instant> sent, Optional<String> payload,
                                            String unreplayable) {
    Map<String, String> a = m.messageAttributes();
    Source source;
    String why;
    Optional<String> function = Optional.empty();
    if (a.containsKey("ERROR_CODE") || a.containsKey("RULE_ARN") || a.containsKey("TARGET_ARN")) {
      source = Source.EVENTBRIDGE_RULE;
      function = Optional.ofNullable(a.get("TARGET_ARN"));
      String retries = a.containsKey("RETRY_ATTEMPTS") ? a.get("RETRY_ATTEMPTS") + " retries" : "";
      String condition = a.getOrDefault("EXHAUSTED_RETRY_CONDITION", "");
      String detail = String.join(", ", java.util.stream.Stream.of(condition, retries).filter(s -> !s.isEmpty())
          .toList());
      why = "EventBridge " + a.getOrDefault("ERROR_CODE", "delivery failed") + (detail.isEmpty() ? "" : " ("
          + detail + ")") + (a.containsKey("ERROR_MESSAGE") ? ": " + a.get("ERROR_MESSAGE") : "");
    } else if (a.containsKey("ErrorCode") || a.containsKey("ErrorMessage") || a.containsKey("RequestID")) {
      source = Source.LAMBDA_DLQ;
      why = "Lambda dead-letter queue, error " + a.getOrDefault("ErrorCode", "?")
          + (a.containsKey("ErrorMessage") ? ": " + a.get("ErrorMessage") : "");
    } else {
      source = Source.UNKNOWN;
      why = "no error recorded (not a Lambda or EventBridge dead letter)";
    }
    return new ParkedEvent(m, source, sent, function, why, unreplayable == null ? payload : Optional.empty(),
        Optional.ofNullable(unreplayable));
  }

  private static Optional<Instant> epochMillis(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> instant(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
