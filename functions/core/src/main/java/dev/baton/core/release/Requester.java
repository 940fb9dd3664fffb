package dev.baton.core.release;

import java.util.Objects;
import java.util.Optional;

/** Who asked for a release from chat (a Slack member id, and the name Slack gave with it): its provenance. */
public record Requester(String userId, Optional<String> name) {
  public Requester {
    Objects.requireNonNull(userId, "userId");
    name = name.filter(n -> !n.isBlank());
  }
}
