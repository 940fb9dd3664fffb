package dev.baton.cli.replay;

import java.util.List;
import java.util.Optional;

/**
 * Where to read and where to replay: a dead-letter queue and the functions whose events it holds (several when
 * functions share a queue, as the two approval functions do).
 */
record ReplayTarget(String queueUrl, List<Destination> functions) {
  /** A function events are replayed to, and the name people know it by (its logical id in template.yaml). */
  record Destination(String label, FunctionRef function) {}

  ReplayTarget {
    functions = List.copyOf(functions);
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("no function to replay to");
    }
  }

  /**
   * The function a parked event goes back to: the one its message names, or the only one when the message names
   * none; empty when it names another function, or names none and several share the queue.
   */
  Optional<Destination> destination(ParkedEvent event) {
    if (event.function().isPresent()) {
      return functions.stream().filter(d -> d.function().sameFunction(event.function().get())).findFirst();
    }
    return functions.size() == 1 ? Optional.of(functions.getFirst()) : Optional.empty();
  }
}
