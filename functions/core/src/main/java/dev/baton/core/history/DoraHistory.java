package dev.baton.core.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The recorded history as the DORA metrics read it ({@link DoraFigures#read}). */
public interface DoraHistory {
  /** Every pipeline with recorded executions, by name. */
  List<String> pipelines();

  /** The executions of {@code pipeline} that started in [from, to), oldest first. */
  List<ExecutionRecord> startedBetween(String pipeline, Instant from, Instant to);

  /** When the upload that started each execution was released, for those an upload (or a Slack release) started. */
  Map<String, Instant> releasedAt(String pipeline, Collection<String> executionIds);

  /** For the executions a promotion started: the change their chain delivers (its first pipeline's commit or upload). */
  Map<String, ChangeOrigin> promotedFrom(String pipeline, Collection<String> executionIds);
}
