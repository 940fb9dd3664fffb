package dev.baton.core.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one upload starts: the pipeline, its variables (in rule order) and the optional source pin (the most specific
 * revision: the version id on a versioned bucket, else the key). The {@code clientRequestToken} is derived from the
 * upload and the pipeline, so every retry of the same start is the same request to CodePipeline.
 */
public record ReleasePlan(S3Object object, String rule, String pipeline, Map<String, String> variables,
                          Optional<SourceRevision> sourceRevision, String clientRequestToken) {
  public ReleasePlan {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  /**
   * The source revision overrides of the start: the uploaded key, and on a versioned bucket its version id too.
   * CodePipeline applies the two together, so the source action reads exactly this object even when the key differs
   * from the action's configured {@code S3ObjectKey} (a version id alone would be looked up under the configured key).
   */
  public List<SourceRevision> sourceRevisions() {
    return sourceRevision.map(pin -> pin.type() == SourceRevision.Type.S3_OBJECT_KEY ? List.of(pin)
        : List.of(new SourceRevision(pin.actionName(), SourceRevision.Type.S3_OBJECT_KEY, object.key()), pin))
        .orElse(List.of());
  }
}
