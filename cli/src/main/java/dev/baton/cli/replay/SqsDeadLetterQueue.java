package dev.baton.cli.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** A dead-letter queue in SQS: ReceiveMessage with a visibility timeout, DeleteMessage, ChangeMessageVisibility. */
final class SqsDeadLetterQueue implements DeadLetterQueue {
  /** SQS hands out at most 10 messages per ReceiveMessage. */
  private static final int PER_CALL = 10;
  /** Long polling asks every SQS server (short polling samples some, and may answer empty while messages wait). */
  private static final int WAIT_SECONDS = 1;

  private final SqsClient sqs;
  private final String queueUrl;

  SqsDeadLetterQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public List<DeadLetter> receive(int max, Duration hold) {
    // By message id: a standard queue may hand a message out twice; the latest receipt handle is the one to use.
    Map<String, DeadLetter> received = new LinkedHashMap<>();
    while (received.size() < max) {
      int batch = Math.min(PER_CALL, max - received.size());
      ReceiveMessageResponse response = call("ReceiveMessage", () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl)
          .maxNumberOfMessages(batch).visibilityTimeout((int) hold.toSeconds()).waitTimeSeconds(WAIT_SECONDS)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")));
      if (!response.hasMessages() || response.messages().isEmpty()) {
        break;
      }
      int before = received.size();
      for (Message m : response.messages()) {
        received.put(m.messageId(), deadLetter(m));
      }
      if (received.size() == before) {
        break;
      }
    }
    return new ArrayList<>(received.values());
  }

  @Override
  public void delete(DeadLetter message) {
    call("DeleteMessage", () -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
  }

  @Override
  public void release(DeadLetter message) {
    call("ChangeMessageVisibility", () -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
        .receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
  }

  private static DeadLetter deadLetter(Message m) {
    Map<String, String> attributes = new LinkedHashMap<>();
    m.attributesAsStrings().forEach(attributes::put);
    Map<String, String> messageAttributes = new LinkedHashMap<>();
    m.messageAttributes().forEach((name, value) -> {
      if (value.stringValue() != null) {
        messageAttributes.put(name, value.stringValue());
      }
    });
    return new DeadLetter(m.messageId(), m.receiptHandle(), m.body() == null ? "" : m.body(), attributes,
        messageAttributes);
  }

  private static <T> T call(String operation, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new QueueException(AwsErrors.describe("SQS " + operation, e), e);
    }
  }
}
