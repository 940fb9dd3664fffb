package dev.baton.cli.replay;

import java.util.Map;

/**
 * One message as it was received from a dead-letter queue, without AWS types: its id, the receipt handle that lets
 * this receiver delete it or hand it back, its body, the queue's attributes of it ({@code SentTimestamp},
 * {@code ApproximateReceiveCount}) and the sender's message attributes (string values).
 */
public record DeadLetter(String messageId, String receiptHandle, String body, Map<String, String> attributes,
                         Map<String, String> messageAttributes) {
  public DeadLetter {
    attributes = Map.copyOf(attributes);
    messageAttributes = Map.copyOf(messageAttributes);
  }
}
