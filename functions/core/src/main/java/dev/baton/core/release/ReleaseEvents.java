package dev.baton.core.release;

import dev.baton.core.alerts.Alert;
import dev.baton.core.events.Actor;
import dev.baton.core.events.BatonEvent;
import dev.baton.core.events.DetailType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events of a release's outcome: {@code Baton Release Started} once its start is recorded, {@code Baton Release
 * Failed} once its failure is, {@code Baton Release Held} once it is recorded HELD by a freeze. The id is the upload's and the pipeline's (the release's identity), so every delivery
 * of the same upload publishes the same event.
 */
final class ReleaseEvents {
  private final String region;

  ReleaseEvents(String region) {
    this.region = region;
  }

  Optional<BatonEvent> event(ReleaseOutcome o) {
    return event(o, Actor.upload(o.object().toString()), o.object().uploadId());
  }

  /** The event of a release {@code actor} caused; {@code identity} tells it from other releases of its artifact. */
  Optional<BatonEvent> event(ReleaseOutcome o, Actor actor, String identity) {
    if (o.pipeline().isEmpty() || o.completedAt().isEmpty()) {
      return Optional.empty();
    }
    DetailType type;
    if (o.executionId().isPresent()) {
      type = DetailType.RELEASE_STARTED;
    } else if (o.reason().isPresent()) {
      type = DetailType.RELEASE_FAILED;
    } else {
      return Optional.empty();
    }
    String pipeline = o.pipeline().get();
    S3Object object = o.object();
    Map<String, Object> facts = new LinkedHashMap<>();
    o.rule().ifPresent(r -> facts.put("rule", r));
    facts.put("object", artifact(object));
    o.reason().ifPresent(r -> facts.put("reason", r));
    Map<String, String> links = o.executionId().filter(x -> !region.isEmpty())
        .map(x -> Map.of("execution", Alert.consoleUrl(region, pipeline, x))).orElse(Map.of());
    return Optional.of(new BatonEvent(type, BatonEvent.stableId(type, object.bucket(), object.key(),
        identity, pipeline), pipeline, o.executionId(), Optional.empty(), Optional.empty(), actor, links,
        o.completedAt().get(), facts));
  }

  /** {@code Baton Release Held}, for a release recorded HELD; empty for any other record. */
  Optional<BatonEvent> held(ReleaseRecord r) {
    if (r.status() != ReleaseStatus.HELD || r.hold().isEmpty()) {
      return Optional.empty();
    }
    ReleaseHold h = r.hold().get();
    S3Object object = r.object();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("rule", r.rule());
    facts.put("object", artifact(object));
    Map<String, Object> freeze = new LinkedHashMap<>();
    freeze.put("name", h.freeze());
    freeze.put("heldAt", h.heldAt().toString());
    freeze.put("frozenUntil", h.frozenUntil().toString());
    facts.put("freeze", freeze);
    DetailType type = DetailType.RELEASE_HELD;
    return Optional.of(new BatonEvent(type, BatonEvent.stableId(type, object.bucket(), object.key(),
        object.uploadId(), r.pipeline()), r.pipeline(), Optional.empty(), Optional.empty(), Optional.empty(),
        Actor.upload(object.toString()), Map.of(), h.heldAt(), facts));
  }

  private static Map<String, Object> artifact(S3Object object) {
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("bucket", object.bucket());
    artifact.put("key", object.key());
    object.versionId().ifPresent(v -> artifact.put("versionId", v));
    if (!object.etag().isEmpty()) {
      artifact.put("etag", object.etag());
    }
    return artifact;
  }
}
