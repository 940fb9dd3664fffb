package dev.baton.core.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The promotion that started an execution (the link item release-trigger writes beside the target execution): the
 * source execution it was promoted from, the promotion rule, the revisions it was pinned to, the variables it was
 * started with, the branch of the chain, and the change the chain delivers.
 *
 * @param revisions the pinned source revisions as {@code TYPE=value} ({@code S3_OBJECT_VERSION_ID=3HL4...})
 */
public record PromotionLink(String sourcePipeline, String sourceExecutionId, String rule, Instant requestedAt,
                            List<String> revisions, Map<String, String> variables, Optional<String> branch,
                            ChangeOrigin origin) {
  public PromotionLink {
    revisions = List.copyOf(revisions);
    variables = Map.copyOf(variables);
  }

  /** {@code promoted from <pipeline> <execution>}, as {@code ./baton history show} says it. */
  public String describe() {
    return "promoted from " + sourcePipeline + " " + sourceExecutionId;
  }
}
