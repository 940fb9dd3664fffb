package dev.baton.core.chatops;

import dev.baton.core.alerts.Alert;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.pipeline.GitCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /baton status [pipeline]}: per pipeline, its newest execution (state, the failed stage and action, the
 * trigger, when, a console link) and whether it is frozen now. Pipelines come from the history (those it has seen);
 * at most {@link #MAX_PIPELINES} are listed, by name. {@code /baton history <pipeline> [n]}: its newest executions,
 * one line each, as the status shows them.
 */
public final class StatusReport {
  static final int MAX_PIPELINES = 20;

  private final ExecutionHistory history;
  private final Freezes freezes;
  private final String region;

  public StatusReport(ExecutionHistory history, Freezes freezes, String region) {
    this.history = history;
    this.freezes = freezes;
    this.region = region;
  }

  Reply of(Optional<String> pipeline, Instant now) {
    List<String> pipelines = pipeline.map(List::of).orElseGet(history::pipelines);
    List<String> lines = new ArrayList<>();
    for (String p : pipelines.stream().limit(MAX_PIPELINES).toList()) {
      List<ExecutionRecord> newest = history.recent(p, 1);
      String frozen = freezes.at(p, now).map(StatusReport::frozen).orElse("");
      lines.add(newest.isEmpty() ? "*" + p + "*: no executions recorded" + frozen : line(newest.getFirst()) + frozen);
    }
    if (pipelines.size() > MAX_PIPELINES) {
      lines.add("… and " + (pipelines.size() - MAX_PIPELINES) + " more: `/baton status <pipeline>`");
    }
    if (lines.isEmpty()) {
      return Reply.privately("Pipeline status", "No pipeline history recorded yet.");
    }
    return new Reply(false, pipeline.map(p -> "Status of " + p).orElse("Pipeline status"), lines);
  }

  Reply history(String pipeline, int count) {
    List<String> lines = history.recent(pipeline, count).stream().map(this::line).toList();
    return lines.isEmpty() ? Reply.privately("History of " + pipeline, "*" + pipeline + "*: no executions recorded")
        : new Reply(false, "History of " + pipeline + " (newest first)", lines);
  }

  private String line(ExecutionRecord e) {
    StringBuilder b = new StringBuilder("*" + e.pipeline() + "*: ");
    b.append(e.status().map(Enum::name).orElse("UNKNOWN (partial)"));
    e.failedStage().ifPresent(s -> b.append(" in ").append(s));
    e.failure().ifPresent(f -> b.append(" (").append(f.action()).append(f.errorCode().map(c -> ": " + c).orElse(""))
        .append(")"));
    e.startTime().ifPresent(t -> b.append(", started ").append(Times.show(t)));
    if (e.commit().isPresent()) {
      GitCommit c = e.commit().get();
      b.append(" by ").append(c.author().orElse("a commit")).append(" (").append(c.commitId(), 0,
          Math.min(7, c.commitId().length())).append(c.branch().map(br -> " on " + br).orElse("")).append(")");
    } else {
      e.triggerType().ifPresent(t -> b.append(" by ").append(t).append(e.triggerDetail().map(d -> " " + d)
          .orElse("")));
    }
    e.endTime().ifPresent(t -> b.append(", ended ").append(Times.show(t)));
    b.append(" · <").append(Alert.consoleUrl(region, e.pipeline(), e.executionId())).append("|")
        .append(e.executionId(), 0, Math.min(8, e.executionId().length())).append(">");
    return b.toString();
  }

  private static String frozen(Freeze f) {
    return "\n    :snowflake: frozen by " + f.describe() + " until " + Times.show(f.until());
  }
}
