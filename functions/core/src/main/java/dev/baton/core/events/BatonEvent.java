package dev.baton.core.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One event Baton publishes about something it recorded. {@code id} is derived from what the event is about (never
 * random, never the time of publishing), so a retried invocation publishes the same event again and consumers
 * dedupe on it; {@code time} is when the state change was recorded, not when it was published.
 *
 * @param facts the detail type's own fields (release rule, approval decision, alert kind, ...): strings, numbers,
 *     booleans, lists and maps of those
 */
public record BatonEvent(DetailType type, String id, String pipeline, Optional<String> executionId,
                         Optional<String> stage, Optional<String> action, Actor actor, Map<String, String> links,
                         Instant time, Map<String, Object> facts) {
  /** The {@code source} of every Baton event. */
  public static final String SOURCE = "baton";

  public BatonEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(time, "time");
    links = Map.copyOf(links);
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /**
   * A stable id for an event of {@code type} about the thing {@code parts} name (a UUID derived from them): the
   * same parts give the same id in every process and invocation.
   */
  public static String stableId(DetailType type, String... parts) {
    StringBuilder b = new StringBuilder(type.text());
    for (String p : parts) {
      b.append('\n').append(p);
    }
    return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The event's {@code detail}: its id, pipeline, execution, stage and action, actor, links, time, then its facts. */
  public Map<String, Object> detail() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", id);
    d.put("pipeline", pipeline);
    executionId.ifPresent(v -> d.put("executionId", v));
    stage.ifPresent(v -> d.put("stage", v));
    action.ifPresent(v -> d.put("action", v));
    d.put("actor", actor.toMap());
    if (!links.isEmpty()) {
      d.put("links", new java.util.TreeMap<>(links));
    }
    d.put("time", time.toString());
    d.putAll(facts);
    return d;
  }
}
