package dev.baton.cli.replay;

import java.time.Duration;
import java.util.List;

/** A dead-letter queue as the replay needs it; the SQS adapter is {@link SqsDeadLetterQueue}. */
interface DeadLetterQueue {
  /**
   * Up to {@code max} messages, each hidden from every other receiver for {@code hold} (the queue hands it out
   * again after that unless it is deleted first).
   */
  List<DeadLetter> receive(int max, Duration hold);

  /** Removes a message for good. */
  void delete(DeadLetter message);

  /** Makes a message visible again now, instead of when its hold ends. */
  void release(DeadLetter message);

  /** A queue call that failed, with a reason fit to show. */
  final class QueueException extends RuntimeException {
    QueueException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
