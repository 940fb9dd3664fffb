package dev.baton.core.alerts;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A stored notice with its delivery log entries, by target id, as one read returns them. */
public record NoticeState(Notice notice, Map<String, Delivery> deliveries) {
  public NoticeState {
    Objects.requireNonNull(notice, "notice");
    deliveries = Map.copyOf(deliveries);
  }

  public Optional<Delivery> delivery(Target target) {
    return Optional.ofNullable(deliveries.get(target.id()));
  }
}
