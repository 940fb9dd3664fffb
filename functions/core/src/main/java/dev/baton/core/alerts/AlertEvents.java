package dev.baton.core.alerts;

import dev.baton.core.events.Actor;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import dev.baton.core.events.EventPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The "sender" of {@link Target#EVENTS}: publishes a main alert as {@code Baton Alert Recovered} (a recovery) or
 * {@code Baton Alert Raised} (any other kind). Being a target, it is claimed, logged as sent once, and retried by the
 * next delivery of the event while it fails, like the SNS and Slack deliveries. The detail carries what the alert
 * stored when it was made (not the execution's state learnt since), so every try publishes the same event, with an
 * id derived from the execution attempt.
 */
public final class AlertEvents implements AlertSender {
  private final EventPublisher publisher;

  public AlertEvents(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public Receipt send(Target target, Outbound message) {
    if (!(message instanceof Outbound.Post post)) {
      throw new IllegalArgumentException("only main alerts are published as events, not " + message.getClass()
          .getSimpleName());
    }
    BatonEvent event = event(post.alert());
    publisher.publish(event);
    return Receipt.of(event.id());
  }

  static BatonEvent event(Alert a) {
    DetailType type = a.kind() == AlertKind.RECOVERED ? DetailType.ALERT_RECOVERED : DetailType.ALERT_RAISED;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kind", a.kind().name());
    facts.put("severity", a.severity().value());
    facts.put("attempt", a.attempt());
    if (!a.failedActions().isEmpty()) {
      facts.put("failedActions", a.failedActions().stream().map(FailedAction::toMap).toList());
    }
    a.summary().ifPresent(s -> facts.put("summary", s));
    a.recoveredFrom().ifPresent(r -> facts.put("recoveredFrom", r));
    a.provenance().ifPresent(p -> facts.put("provenance", p.toMap()));
    a.startTime().ifPresent(t -> facts.put("executionStartTime", t.toString()));
    return new BatonEvent(type, BatonEvent.stableId(type, a.pipeline(), a.executionId(),
        String.valueOf(a.attempt())), a.pipeline(), Optional.of(a.executionId()), a.stage(), Optional.empty(),
        Actor.codePipeline("execution"), Map.of("execution", Alert.consoleUrl(a.region(), a.pipeline(),
        a.executionId())), a.time(), facts);
  }
}
