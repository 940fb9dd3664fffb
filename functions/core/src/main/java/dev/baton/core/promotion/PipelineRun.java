package dev.baton.core.promotion;

import java.util.List;
import java.util.Map;

/** What CodePipeline recorded about an execution Baton did not start: its artifact revisions and variables. */
public record PipelineRun(List<SourceArtifact> artifacts, Map<String, String> variables) {
  public PipelineRun {
    artifacts = List.copyOf(artifacts);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
