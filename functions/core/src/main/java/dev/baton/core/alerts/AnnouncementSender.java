package dev.baton.core.alerts;

/**
 * Sends {@link Announcement}s to one kind of target, with the failure contract of {@link AlertSender}: transient
 * failures are runtime exceptions (tried again), refusals that will not pass are {@link DeliveryRejectedException}s.
 */
public interface AnnouncementSender {
  Receipt announce(Target target, Announcement announcement) throws DeliveryRejectedException;
}
