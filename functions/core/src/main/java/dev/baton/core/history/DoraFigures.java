package dev.baton.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The DORA metrics as Baton shows them, wherever it shows them ({@code ./baton dora} as a table, {@code /baton dora}
 * in Slack): the history read as both read it ({@link #read}), and the same rows of figures, worded the same.
 */
public final class DoraFigures {
  /** How far before the window executions are read: a failure episode or a long run may have started there. */
  public static final Duration LOOKBACK = Duration.ofDays(14);

  /** One row of figures: its label, and the figure of one set of metrics. */
  public record Row(String label, Function<DoraReport.Metrics, String> figure) {}

  public static final List<Row> ROWS = List.of(
      new Row("deployments", m -> m.deployments() + " (" + number(m.deploymentsPerDay()) + "/day)"),
      new Row("lead time for changes", m -> m.leadTime().map(l -> "median " + duration(l.median()) + ", p90 "
          + duration(l.p90())).orElse("-")),
      new Row("  measured from", m -> m.leadTime().map(DoraFigures::sources).orElse("-")),
      new Row("change failure rate", m -> m.changeFailureRate().map(c -> Math.round(c * 100) + "% (" + m.failures()
          + " failed of " + (m.failures() + m.deployments()) + ")").orElse("- (nothing finished)")),
      new Row("time to restore", m -> m.timeToRestore().map(t -> "median " + duration(t) + " (" + m.restored()
          + " restored)").orElse("-") + (m.unrestored() > 0 ? ", " + m.unrestored() + " still failing" : "")),
      new Row("stopped/superseded/canceled", m -> String.valueOf(m.otherEnded())));

  private DoraFigures() {}

  /** The DORA metrics of {@code pipelines} over {@code [from, to)}. */
  public static DoraReport read(DoraHistory history, List<String> pipelines, Instant from, Instant to) {
    List<ExecutionRecord> executions = new ArrayList<>();
    Map<String, Instant> released = new HashMap<>();
    Map<String, ChangeOrigin> promoted = new HashMap<>();
    for (String p : pipelines) {
      List<ExecutionRecord> list = history.startedBetween(p, from.minus(LOOKBACK), to);
      executions.addAll(list);
      List<String> withoutCommit = list.stream().filter(e -> e.commit().isEmpty() && e.finished())
          .map(ExecutionRecord::executionId).toList();
      if (!withoutCommit.isEmpty()) {
        released.putAll(history.releasedAt(p, withoutCommit));
        promoted.putAll(history.promotedFrom(p, withoutCommit));
      }
    }
    return Dora.compute(executions, released, promoted, from, to);
  }

  /** A duration, short: {@code 42s}, {@code 3m 5s}, {@code 2h 10m}, {@code 3d 4h}. */
  public static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    if (s < 86400) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
  }

  /** A whole number as such, else two decimals. */
  public static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String sources(DoraReport.LeadTime l) {
    List<String> parts = new ArrayList<>();
    if (l.fromCommit() > 0) {
      parts.add(l.fromCommit() + " commit");
    }
    if (l.fromUpload() > 0) {
      parts.add(l.fromUpload() + " S3 upload");
    }
    if (l.fromStart() > 0) {
      parts.add(l.fromStart() + " pipeline start");
    }
    return String.join(", ", parts);
  }
}
