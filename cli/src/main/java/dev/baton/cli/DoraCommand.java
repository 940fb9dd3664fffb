package dev.baton.cli;

import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.history.ChangeOrigin;
import dev.baton.core.history.Dora;
import dev.baton.core.history.DoraReport;
import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./baton dora}: the four DORA metrics of one pipeline, some, or all, over a window (README, "DORA"). */
@Command(name = "dora", mixinStandardHelpOptions = true,
    description = "DORA metrics from Baton's history: deployment frequency, lead time for "
    + "changes, change failure rate, time to restore.")
final class DoraCommand implements Callable<Integer> {
  /** How far before the window executions are read: a failure episode or a long run may have started there. */
  static final Duration LOOKBACK = Duration.ofDays(14);

  @Spec
  CommandSpec spec;

  @Mixin
  TableOptions options;

  @Option(names = {"-p", "--pipeline"}, description = "a pipeline (repeatable); default: every pipeline recorded")
  List<String> pipelines = new ArrayList<>();

  @Option(names = "--days", defaultValue = "30", description = "window length in days, ending at --until "
      + "(default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--since", description = "window start: 2026-10-01 or 2026-10-01T12:00:00Z (overrides --days)")
  String since;

  @Option(names = "--until", description = "window end (exclusive): a date or instant; default: now")
  String until;

  @Option(names = "--json", description = "JSON for scripts instead of a table")
  boolean json;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    try {
      Instant to = until == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : instant(until, "--until");
      Instant from = since == null ? to.minus(Duration.ofDays(days)) : instant(since, "--since");
      return options.read(spec, reader -> {
        List<String> names = pipelines.isEmpty() ? reader.pipelines() : pipelines;
        DoraReport report = report(reader, names, from, to);
        if (json) {
          System.out.println(Json.write(HistoryJson.dora(report)));
        } else {
          HistoryView.dora(System.out, report, names);
        }
        return 0;
      });
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The DORA metrics of {@code pipelines} over {@code [from, to)}, read as the command reads them. */
  static DoraReport report(DynamoHistoryReader reader, List<String> pipelines, Instant from, Instant to) {
    List<ExecutionRecord> executions = new ArrayList<>();
    Map<String, Instant> released = new HashMap<>();
    Map<String, ChangeOrigin> promoted = new HashMap<>();
    for (String p : pipelines) {
      List<ExecutionRecord> list = reader.startedBetween(p, from.minus(LOOKBACK), to);
      executions.addAll(list);
      List<String> withoutCommit = list.stream().filter(e -> e.commit().isEmpty() && e.finished())
          .map(ExecutionRecord::executionId).toList();
      if (!withoutCommit.isEmpty()) {
        released.putAll(reader.releasedAt(p, withoutCommit));
        promoted.putAll(reader.promotedFrom(p, withoutCommit));
      }
    }
    return Dora.compute(executions, released, promoted, from, to);
  }

  private static Instant instant(String text, String option) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": not a date (2026-10-01) or an instant (2026-10-01T12:00:00Z): "
          + text);
    }
  }
}
