package dev.baton.core.promotion;

import dev.baton.core.history.ChangeOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution that SUCCEEDED, with what a promotion needs to know about it: the release rule that started it (when
 * Baton released it), its branch, the revisions and variables it ran with, and the change it delivers.
 *
 * @param releaseRule the release rule, when release-trigger started this execution for an upload
 * @param promotedBy the promotion rule, when this execution was itself promoted
 * @param artifacts where the revisions come from in order of trust: Baton's release or promotion record, else
 *     CodePipeline's {@code GetPipelineExecution}
 */
public record SourceExecution(String pipeline, String executionId, Instant succeededAt, Optional<String> releaseRule,
                              Optional<String> promotedBy, Optional<String> branch, List<SourceArtifact> artifacts,
                              Map<String, String> variables, ChangeOrigin origin) {
  public SourceExecution {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(succeededAt, "succeededAt");
    Objects.requireNonNull(origin, "origin");
    artifacts = List.copyOf(artifacts);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
