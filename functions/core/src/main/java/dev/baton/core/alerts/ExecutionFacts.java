package dev.baton.core.alerts;

import java.util.List;
import java.util.Optional;

/**
 * What CodePipeline tells about an execution beyond the event ({@code GetPipelineExecution}): its status and status
 * summary, how it was started, and the source revisions it ran with.
 */
public record ExecutionFacts(Optional<String> status, Optional<String> statusSummary, Optional<Trigger> trigger,
                             List<Provenance> revisions) {
  public ExecutionFacts {
    revisions = List.copyOf(revisions);
  }
}
