package dev.baton.core.alerts;

import java.util.List;
import java.util.Objects;

/**
 * A message to the routed channels that is not about one execution (a freeze starting or ending): a one-line
 * {@code subject}, the {@code text} (plain, a few sentences), the pipelines (patterns) it concerns, and its kind
 * ({@code FREEZE_STARTED}, {@code FREEZE_ENDED}: the SNS {@code kind} attribute, for subscription filters).
 */
public record Announcement(String kind, String subject, String text, List<String> pipelines) {
  public Announcement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    pipelines = List.copyOf(pipelines);
  }
}
