package dev.baton.core.promotion;

import dev.baton.core.alerts.Alert;
import dev.baton.core.events.Actor;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.release.ReleaseHold;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events of a promotion: {@code Baton Promotion Started} once its start is recorded, {@code Baton Release Held}
 * once it is recorded HELD. The id is the promotion's (source execution and target), so every delivery of the same
 * succeeded execution publishes the same event.
 */
final class PromotionEvents {
  private final String region;

  PromotionEvents(String region) {
    this.region = region;
  }

  Optional<BatonEvent> event(PromotionRecord r) {
    return switch (r.status()) {
      case STARTED -> r.executionId().flatMap(x -> r.completedAt().map(at -> started(r, x, at)));
      case HELD -> r.hold().map(h -> held(r, h));
      default -> Optional.empty();
    };
  }

  private BatonEvent started(PromotionRecord r, String executionId, Instant at) {
    PromotionKey k = r.key();
    Map<String, Object> facts = common(r);
    facts.put("sourceRevisions", r.plan().sourceRevisions().stream().map(s -> ordered("actionName", s.actionName(),
        "revisionType", s.type().name(), "revisionValue", s.value())).toList());
    ChangeOrigin o = r.plan().origin();
    facts.put("change", ordered("kind", o.kind().name().toLowerCase(java.util.Locale.ROOT), "at",
        o.at().toString(), "ref", o.ref()));
    Map<String, String> links = new LinkedHashMap<>();
    if (!region.isEmpty()) {
      links.put("execution", Alert.consoleUrl(region, k.target(), executionId));
      links.put("source", Alert.consoleUrl(region, k.sourcePipeline(), k.sourceExecutionId()));
    }
    DetailType type = DetailType.PROMOTION_STARTED;
    return new BatonEvent(type, id(type, k), k.target(), Optional.of(executionId), Optional.empty(),
        Optional.empty(), Actor.execution(k.sourcePipeline(), k.sourceExecutionId()), links, at, facts);
  }

  private BatonEvent held(PromotionRecord r, ReleaseHold h) {
    PromotionKey k = r.key();
    Map<String, Object> facts = common(r);
    facts.put("freeze", ordered("name", h.freeze(), "heldAt", h.heldAt().toString(),
        "frozenUntil", h.frozenUntil().toString()));
    Map<String, String> links = region.isEmpty() ? Map.of()
        : Map.of("source", Alert.consoleUrl(region, k.sourcePipeline(), k.sourceExecutionId()));
    DetailType type = DetailType.RELEASE_HELD;
    return new BatonEvent(type, id(type, k), k.target(), Optional.empty(), Optional.empty(), Optional.empty(),
        Actor.execution(k.sourcePipeline(), k.sourceExecutionId()), links, h.heldAt(), facts);
  }

  private static Map<String, Object> common(PromotionRecord r) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("promotion", ordered("rule", r.plan().rule(), "sourcePipeline", r.key().sourcePipeline(),
        "sourceExecutionId", r.key().sourceExecutionId()));
    return facts;
  }

  private static String id(DetailType type, PromotionKey k) {
    return BatonEvent.stableId(type, "promotion", k.sourcePipeline(), k.sourceExecutionId(), k.target());
  }

  /** A map in the order given (the detail's JSON is the same bytes on every retry). */
  private static Map<String, Object> ordered(String... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
