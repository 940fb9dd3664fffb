package dev.baton.cli.replay;

import java.time.Instant;
import java.util.Optional;

/**
 * A dead letter read for what it is: which service parked it, when, for which function, why, and the event to send
 * the function again ({@code payload}), or the reason it cannot be replayed ({@code unreplayable}).
 *
 * @param function the function ARN the sender named (possibly with a version or alias), if it named one
 * @param why the condition and the last error, for people
 */
record ParkedEvent(DeadLetter message, Source source, Optional<Instant> parkedAt, Optional<String> function,
                   String why, Optional<String> payload, Optional<String> unreplayable) {

  /** Who wrote the message, which decides where the event and the error are in it. */
  enum Source {
    /** Lambda's on-failure destination of an asynchronous invocation: an invocation record around the event. */
    LAMBDA_ON_FAILURE("Lambda (on-failure destination)"),
    /** An EventBridge rule target's dead-letter queue: the event itself, the error in message attributes. */
    EVENTBRIDGE_RULE("EventBridge (rule target dead-letter queue)"),
    /** A Lambda function's (legacy) dead-letter queue: the event itself, the error in message attributes. */
    LAMBDA_DLQ("Lambda (function dead-letter queue)"),
    /** Neither: the body is taken as the event. */
    UNKNOWN("an unknown sender");

    final String description;

    Source(String description) {
      this.description = description;
    }
  }

  String messageId() {
    return message.messageId();
  }

  boolean replayable() {
    return payload.isPresent();
  }

  /** How many times the queue has handed the message out, this receive included. */
  int receiveCount() {
    try {
      return Integer.parseInt(message.attributes().getOrDefault("ApproximateReceiveCount", "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
