package dev.baton.core.alerts;

/**
 * Sends messages to one kind of target (SNS, Slack). Transient failures that outlast the sender's own retries are
 * plain runtime exceptions (the delivery is tried again later); refusals that will not pass by themselves are
 * {@link DeliveryRejectedException}s.
 */
public interface AlertSender {
  Receipt send(Target target, Outbound message) throws DeliveryRejectedException;
}
