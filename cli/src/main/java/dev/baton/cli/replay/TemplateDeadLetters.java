package dev.baton.cli.replay;

import dev.baton.local.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead-letter queue holds a function's failed events, and which functions park in a queue, as template.yaml
 * declares them: the {@code EventInvokeConfig} on-failure destination and the EventBridge rules' dead-letter
 * queues. A function's events are replayed to its {@code AutoPublishAlias}.
 */
final class TemplateDeadLetters {
  /** A queue (logical id) and the functions that park in it. */
  record Parking(String queueId, List<ParkingFunction> functions) {}

  /** A function (logical id) and the alias its events are replayed to, if it publishes one. */
  record ParkingFunction(String logicalId, Optional<String> alias) {}

  private final SamTemplate template;

  TemplateDeadLetters(SamTemplate template) {
    this.template = template;
  }

  /** For a function's or a queue's logical id: the queue, and who parks in it. */
  Parking of(String logicalId) {
    String type = String.valueOf(template.resource(logicalId).get("Type"));
    if ("AWS::Serverless::Function".equals(type)) {
      Set<String> queues = queuesOf(logicalId);
      if (queues.isEmpty()) {
        throw new IllegalArgumentException(logicalId + " has no dead-letter queue in template.yaml (EventInvokeConfig "
            + "OnFailure or an EventBridge rule's DeadLetterConfig)");
      }
      if (queues.size() > 1) {
        throw new IllegalArgumentException(logicalId + " parks events in several queues " + queues + ": name one of "
            + "them instead of the function");
      }
      return new Parking(queues.iterator().next(), List.of(function(logicalId)));
    }
    if ("AWS::SQS::Queue".equals(type)) {
      List<ParkingFunction> functions = new ArrayList<>();
      for (String id : template.functionIds()) {
        if (queuesOf(id).contains(logicalId)) {
          functions.add(function(id));
        }
      }
      if (functions.isEmpty()) {
        throw new IllegalArgumentException("no function of template.yaml parks events in " + logicalId);
      }
      return new Parking(logicalId, functions);
    }
    throw new IllegalArgumentException(logicalId + " is a " + type + ": name a function (AWS::Serverless::Function) "
        + "or its dead-letter queue (AWS::SQS::Queue); the functions are " + template.functionIds());
  }

  private ParkingFunction function(String logicalId) {
    return new ParkingFunction(logicalId, Optional.ofNullable(template.function(logicalId).properties()
        .get("AutoPublishAlias")).map(String::valueOf));
  }

  private Set<String> queuesOf(String functionId) {
    Map<String, Object> props = template.function(functionId).properties();
    Set<String> queues = new LinkedHashSet<>();
    Map<String, Object> onFailure = SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asMap(
        props.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"));
    referencedId(onFailure.get("Destination")).ifPresent(queues::add);
    for (Object event : SamTemplate.asMap(props.get("Events")).values()) {
      Map<String, Object> eventProps = SamTemplate.asMap(SamTemplate.asMap(event).get("Properties"));
      referencedId(SamTemplate.asMap(eventProps.get("DeadLetterConfig")).get("Arn")).ifPresent(queues::add);
    }
    return queues;
  }

  /** The logical id in {@code !GetAtt Queue.Arn} or {@code !Ref Queue}. */
  private static Optional<String> referencedId(Object value) {
    if (value instanceof Map<?, ?> fn) {
      if (fn.get("Fn::GetAtt") instanceof List<?> att && !att.isEmpty()) {
        return Optional.of(String.valueOf(att.getFirst()));
      }
      if (fn.get("Ref") instanceof String ref) {
        return Optional.of(ref);
      }
    }
    return Optional.empty();
  }
}
