package dev.baton.core.chatops;

import dev.baton.core.history.ExecutionRecord;
import java.util.List;

/** The pipeline history as {@code /baton status} reads it. */
public interface ExecutionHistory {
  /** The pipelines with history, by name. */
  List<String> pipelines();

  /** The newest {@code limit} executions of {@code pipeline}, newest first. */
  List<ExecutionRecord> recent(String pipeline, int limit);
}
