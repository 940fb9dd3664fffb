package dev.baton.core.promotion;

import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.release.SourceRevision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one promotion starts: the target pipeline, pinned to the source execution's revision, with its variables.
 * The {@code clientRequestToken} is derived from the source execution and the target, so every retry of the start is
 * the same request to CodePipeline.
 */
public record PromotionPlan(PromotionKey key, String rule, Map<String, String> variables,
                            List<SourceRevision> sourceRevisions, Optional<String> branch, ChangeOrigin origin,
                            String clientRequestToken) {
  public PromotionPlan {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    sourceRevisions = List.copyOf(sourceRevisions);
  }

  public String target() {
    return key.target();
  }
}
