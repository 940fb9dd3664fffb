package dev.baton.core.freeze;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One freeze starting or ending: which freeze ({@code name}: the configured one's, or {@code ad hoc}), why, who
 * declared it (ad-hoc freezes), the pipeline patterns it covers, and the occurrence ({@code since} to {@code until}).
 * {@link #occurrence} names the occurrence, so each start and end is told once however often it is looked at.
 */
public record FreezeTransition(Edge edge, String name, String reason, Optional<String> by, List<String> pipelines,
                               Instant since, Instant until) {
  /** Which end of the freeze. */
  public enum Edge { STARTED, ENDED }

  public FreezeTransition {
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    pipelines = List.copyOf(pipelines);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
  }

  /** When it happens: the start or the end. */
  public Instant at() {
    return edge == Edge.STARTED ? since : until;
  }

  /** {@code weekend}, or {@code ad hoc payments-deploy}: a configured freeze by name, an ad-hoc one by target. */
  public String occurrence() {
    return name.equals(Freeze.AD_HOC) ? name + " " + pipelines.getFirst() : name;
  }

  /** As {@link Freeze#describe}: {@code weekend (No deploys)}, {@code ad hoc by U0ALICE (incident 4711)}. */
  public String describe() {
    return name + by.map(b -> " by " + b).orElse("") + (reason.isBlank() ? "" : " (" + reason + ")");
  }
}
