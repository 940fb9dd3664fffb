package dev.baton.functions.release;

import dev.baton.core.promotion.PromotionOutcome;
import dev.baton.core.release.ReleaseOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the release trigger answers for each release and promotion it handled. */
final class Answers {
  private Answers() {}

  static Map<String, Object> describe(ReleaseOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bucket", o.object().bucket());
    m.put("key", o.object().key());
    o.object().versionId().ifPresent(v -> m.put("versionId", v));
    m.put("outcome", o.kind().name());
    o.rule().ifPresent(v -> m.put("rule", v));
    o.pipeline().ifPresent(v -> m.put("pipeline", v));
    o.executionId().ifPresent(v -> m.put("executionId", v));
    o.reason().ifPresent(v -> m.put("reason", v));
    return m;
  }

  static Map<String, Object> describe(PromotionOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", o.key().sourcePipeline());
    m.put("sourceExecutionId", o.key().sourceExecutionId());
    m.put("to", o.key().target());
    m.put("rule", o.rule());
    m.put("outcome", o.kind().name());
    o.executionId().ifPresent(v -> m.put("executionId", v));
    o.reason().ifPresent(v -> m.put("reason", v));
    return m;
  }
}
