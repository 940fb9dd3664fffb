package dev.baton.core.chatops;

import dev.baton.core.history.DoraFigures;
import dev.baton.core.history.DoraHistory;
import dev.baton.core.history.DoraReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /baton dora [pipeline] [days]}: what {@code ./baton dora} shows (the same figures, read the same way:
 * {@link DoraFigures}), one section for all the pipelines asked about together, then one per pipeline (at most
 * {@link #MAX_PIPELINES}).
 */
public final class DoraReply {
  static final int MAX_PIPELINES = 20;

  private final DoraHistory history;

  public DoraReply(DoraHistory history) {
    this.history = history;
  }

  Reply of(Optional<String> pipeline, int days, Instant now) {
    Instant to = now.truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(Duration.ofDays(days));
    List<String> pipelines = pipeline.map(List::of).orElseGet(history::pipelines);
    String title = "DORA metrics, " + pipeline.orElse("all pipelines") + ", last " + days + " day" + (days == 1 ? ""
        : "s");
    if (pipelines.isEmpty()) {
      return Reply.privately(title, "No pipeline history recorded yet.");
    }
    DoraReport report = DoraFigures.read(history, pipelines, from, to);
    List<String> sections = new ArrayList<>();
    sections.add(Times.show(from) + " → " + Times.show(to) + ", " + (pipelines.size() == 1 ? "pipeline "
        + pipelines.getFirst() : pipelines.size() + " pipelines"));
    sections.add(figures(pipelines.size() == 1 ? pipelines.getFirst() : "all", report.overall()));
    if (pipelines.size() > 1) {
      report.pipelines().entrySet().stream().limit(MAX_PIPELINES)
          .forEach(e -> sections.add(figures(e.getKey(), e.getValue())));
      if (report.pipelines().size() > MAX_PIPELINES) {
        sections.add("… and " + (report.pipelines().size() - MAX_PIPELINES) + " more: `/baton dora <pipeline>`");
      }
    }
    return new Reply(false, title, sections);
  }

  private static String figures(String name, DoraReport.Metrics m) {
    StringBuilder b = new StringBuilder("*" + name + "*");
    for (DoraFigures.Row row : DoraFigures.ROWS) {
      b.append("\n").append(row.label().strip()).append(": ").append(row.figure().apply(m));
    }
    return b.toString();
  }
}
