package dev.baton.cli;

import static dev.baton.cli.TextTable.cut;
import static dev.baton.cli.TextTable.table;

import dev.baton.core.history.ActionFailure;
import dev.baton.core.history.ActionRecord;
import dev.baton.core.history.DoraFigures;
import dev.baton.core.history.DoraReport;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.StageRecord;
import dev.baton.core.history.Transition;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The history as tables for people (UTC times, short durations); {@link HistoryJson} is the one for scripts. */
final class HistoryView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  /** The status column of a partial execution (known from stage and action events only), explained below the list. */
  static final String PARTIAL = "UNKNOWN*";
  static final String PARTIAL_NOTE = "pipeline events not seen yet (late, or in the history dead-letter queue)";

  private HistoryView() {}

  static void executions(PrintStream out, List<ExecutionRecord> executions, boolean showPipeline) {
    if (executions.isEmpty()) {
      out.println("No executions recorded.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("STARTED (UTC)", "EXECUTION", "STATUS", "DURATION", "TRIGGER",
        "FAILED AT"));
    if (showPipeline) {
      header.addFirst("PIPELINE");
    }
    rows.add(header.toArray(String[]::new));
    for (ExecutionRecord e : executions) {
      List<String> row = new ArrayList<>(List.of(e.startTime().map(TIME::format).orElse("-"), e.executionId(),
          status(e), e.duration().map(HistoryView::duration).orElse(e.finished() || e.partial() ? "-" : "running"),
          cut(trigger(e), 44), cut(failedAt(e), 72)));
      if (showPipeline) {
        row.addFirst(e.pipeline());
      }
      rows.add(row.toArray(String[]::new));
    }
    table(out, rows, "");
    if (executions.stream().anyMatch(ExecutionRecord::partial)) {
      out.println();
      out.println(PARTIAL + " partial: known from stage and action events only; " + PARTIAL_NOTE);
    }
  }

  static void detail(PrintStream out, ExecutionDetail d) {
    out.println("Execution " + d.executionId() + " of " + d.pipeline());
    d.execution().filter(e -> !e.partial()).ifPresentOrElse(e -> {
      line(out, "status", status(e));
      line(out, "started", e.startTime().map(t -> TIME.format(t) + " UTC").orElse("-"));
      line(out, "ended", e.endTime().map(t -> TIME.format(t) + " UTC" + e.duration().map(x -> " (took "
          + duration(x) + ")").orElse("")).orElse(e.finished() ? "-" : "still running"));
      line(out, "trigger", e.triggerType().orElse("-") + e.triggerDetail().map(x -> " " + x).orElse(""));
      e.commit().ifPresent(c -> line(out, "commit", commit(c)));
      e.stopComments().ifPresent(c -> line(out, "stopped", "\"" + c + "\""));
      line(out, "changes", e.transitions().stream().map(HistoryView::transition).collect(Collectors.joining(" → ")));
      e.failure().ifPresent(f -> failure(out, f));
      if (e.failure().isEmpty()) {
        e.failedStage().ifPresent(s -> line(out, "failed stage", s));
      }
    }, () -> {
      line(out, "status", "UNKNOWN (partial): " + PARTIAL_NOTE + "; below is what its stage and action events "
          + "said");
      d.execution().ifPresent(e -> {
        line(out, "started", e.startTime().map(t -> TIME.format(t) + " UTC").orElse("-"));
        e.failure().ifPresent(f -> failure(out, f));
        if (e.failure().isEmpty()) {
          e.failedStage().ifPresent(s -> line(out, "failed stage", s));
        }
      });
    });
    d.release().ifPresent(r -> line(out, "release", r.s3Url() + " (rule " + r.rule() + r.requester()
        .map(who -> ", asked from Slack by " + who).orElse("") + ", released "
        + TIME.format(r.requestedAt()) + " UTC" + (r.variables().isEmpty() ? "" : ", variables " + new java.util.TreeMap<>(r.variables()))
        + ")"));
    d.promotion().ifPresent(p -> line(out, "promotion", p.describe() + " (rule " + p.rule() + ", requested "
        + TIME.format(p.requestedAt()) + " UTC, pinned " + String.join(", ", p.revisions()) + ")"));
    d.promotion().ifPresent(p -> line(out, "change", p.origin().kind().name().toLowerCase(java.util.Locale.ROOT)
        + " " + p.origin().ref() + " at " + TIME.format(p.origin().at()) + " UTC (the first pipeline of the chain)"));
    if (!d.stages().isEmpty()) {
      out.println();
      out.println("Stages");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"STAGE", "STATUS", "ATTEMPT", "STARTED", "DURATION", "CHANGES"});
      for (StageRecord s : d.stages()) {
        rows.add(new String[] {s.stage(), s.status().name(), String.valueOf(s.attempt()),
            s.firstSeen().map(CLOCK::format).orElse("-"), s.duration().map(HistoryView::duration).orElse("-"),
            s.transitions().stream().map(HistoryView::transition).collect(Collectors.joining(" → "))});
      }
      table(out, rows, "  ");
    }
    if (!d.actions().isEmpty()) {
      out.println();
      out.println("Actions");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"STAGE / ACTION", "ATTEMPT", "PROVIDER", "STATUS", "STARTED", "DURATION", "RESULT"});
      for (ActionRecord a : d.actions()) {
        rows.add(new String[] {a.stage() + " / " + a.action(), String.valueOf(a.attempt()),
            a.type().provider() + (a.type().category().equals("Approval") ? " approval" : ""),
            actionStatus(a), a.firstSeen().map(CLOCK::format).orElse("-"),
            a.duration().map(HistoryView::duration).orElse("-"), cut(result(a), 90)});
      }
      table(out, rows, "  ");
      for (ActionRecord a : d.actions()) {
        a.result().externalExecutionUrl().ifPresent(u -> out.println("  " + a.stage() + " / " + a.action() + " #"
            + a.attempt() + ": " + u));
      }
    }
  }

  static void dora(PrintStream out, DoraReport r, List<String> pipelines) {
    out.printf("DORA metrics, %s → %s UTC (%s day%s), %s%n", TIME.format(r.from()), TIME.format(r.to()),
        number(r.days()), r.days() == 1 ? "" : "s", pipelines.size() == 1 ? "pipeline " + pipelines.getFirst()
            : pipelines.isEmpty() ? "no pipelines recorded" : pipelines.size() + " pipelines");
    List<String> columns = new ArrayList<>(List.of("all"));
    if (pipelines.size() > 1) {
      columns.addAll(r.pipelines().keySet());
    }
    List<String[]> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of(""));
    head.addAll(columns);
    rows.add(head.toArray(String[]::new));
    for (DoraFigures.Row row : DoraFigures.ROWS) {
      rows.add(row(row.label(), columns, r, row.figure()));
    }
    table(out, rows, "  ");
  }

  private static String[] row(String name, List<String> columns, DoraReport r,
                              java.util.function.Function<DoraReport.Metrics, String> cell) {
    List<String> out = new ArrayList<>(List.of(name));
    for (String c : columns) {
      DoraReport.Metrics m = c.equals("all") ? r.overall() : r.pipelines().get(c);
      out.add(cell.apply(m));
    }
    return out.toArray(String[]::new);
  }

  static String status(ExecutionRecord e) {
    String s = e.status().map(Enum::name).orElse(PARTIAL);
    return e.attempt() > 1 ? s + " (attempt " + e.attempt() + ")" : s;
  }

  static String trigger(ExecutionRecord e) {
    if (e.commit().isPresent()) {
      GitCommit c = e.commit().get();
      return "commit " + c.commitId().substring(0, Math.min(7, c.commitId().length()))
          + c.branch().or(c::tag).map(b -> " on " + b).orElse("") + c.author().map(a -> " by " + a).orElse("");
    }
    String type = e.triggerType().orElse("-");
    return e.triggerDetail().map(d -> type + " by " + shortArn(d)).orElse(type);
  }

  static String failedAt(ExecutionRecord e) {
    boolean failed = e.status().map(s -> s == ExecutionState.FAILED)
        .orElse(e.failure().isPresent() || e.failedStage().isPresent());
    if (!failed) {
      return "";
    }
    return e.failure().map(f -> f.stage() + "/" + f.action() + ": " + (f.approval() ? "rejected "
        + f.summary().map(s -> "(" + s.replaceFirst("^Rejected by \\S+: ", "") + ")").orElse("")
        : f.errorCode().orElse("failed") + f.summary().map(s -> " " + s).orElse(""))).orElse(e.failedStage().orElse(""));
  }

  private static void failure(PrintStream out, ActionFailure f) {
    line(out, f.approval() ? "rejected" : "failure", f.stage() + " / " + f.action() + " (" + f.provider()
        + ", attempt " + f.attempt() + ", " + TIME.format(f.at()) + " UTC)" + f.errorCode().map(c -> ": " + c)
        .orElse(""));
    f.summary().ifPresent(s -> line(out, "", s));
    f.url().ifPresent(u -> line(out, "", u));
  }

  private static String commit(GitCommit c) {
    return c.commitId() + c.message().map(m -> " \"" + m + "\"").orElse("") + c.author().map(a -> " by " + a)
        .orElse("") + c.branch().map(b -> " on " + b).orElse("") + c.tag().map(t -> " tag " + t).orElse("")
        + c.repository().map(r -> " (" + r + ")").orElse("") + c.authorDate().map(d -> ", authored " + TIME.format(d)
        + " UTC").orElse("");
  }

  private static String actionStatus(ActionRecord a) {
    if (a.type().category().equals("Approval")) {
      return switch (a.status()) {
        case SUCCEEDED -> "APPROVED";
        case FAILED -> "REJECTED";
        case STARTED -> "WAITING";
        default -> a.status().name();
      };
    }
    return a.status().name();
  }

  private static String result(ActionRecord a) {
    List<String> parts = new ArrayList<>();
    a.result().errorCode().ifPresent(parts::add);
    a.result().externalExecutionSummary().ifPresent(parts::add);
    if (parts.isEmpty()) {
      a.result().externalExecutionId().ifPresent(parts::add);
    }
    return String.join(": ", parts);
  }

  private static String transition(Transition t) {
    return t.state() + " " + CLOCK.format(t.time()) + (t.attempt() > 1 ? " (#" + t.attempt() + ")" : "");
  }

  private static String shortArn(String arn) {
    int role = arn.indexOf(":assumed-role/");
    if (role >= 0) {
      String[] parts = arn.substring(role + ":assumed-role/".length()).split("/");
      return parts[0];
    }
    int slash = arn.lastIndexOf('/');
    return slash >= 0 && arn.startsWith("arn:") ? arn.substring(slash + 1) : arn;
  }

  static String duration(Duration d) {
    return DoraFigures.duration(d);
  }

  private static String number(double d) {
    return DoraFigures.number(d);
  }

  private static void line(PrintStream out, String label, String value) {
    out.printf("  %-13s %s%n", label, value);
  }
}
