package dev.baton.core.release;

import java.util.Map;
import java.util.Optional;

/**
 * What one upload starts: the pipeline, its variables (in rule order) and the optional source pin. The
 * {@code clientRequestToken} is derived from the upload and the pipeline, so every retry of the same start is the
 * same request to CodePipeline.
 */
public record ReleasePlan(S3Object object, String rule, String pipeline, Map<String, String> variables,
                          Optional<SourceRevision> sourceRevision, String clientRequestToken) {
  public ReleasePlan {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
