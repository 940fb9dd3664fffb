package dev.baton.cli;

import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./baton history}: recent executions of one pipeline or all of them; {@code show} one in detail. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Recent pipeline executions from Baton's history (newest first).",
    subcommands = HistoryShowCommand.class)
final class HistoryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TableOptions options;

  @Option(names = {"-p", "--pipeline"}, description = "one pipeline; default: every pipeline recorded")
  String pipeline;

  @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "how many executions (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "JSON for scripts instead of a table")
  boolean json;

  @Override
  public Integer call() {
    return options.read(spec, reader -> {
      List<ExecutionRecord> executions = pipeline != null ? reader.recent(pipeline, limit) : reader.recent(limit);
      if (json) {
        System.out.println(Json.write(Map.of("executions", executions.stream().map(HistoryJson::execution).toList())));
      } else {
        HistoryView.executions(System.out, executions, pipeline == null);
      }
      return 0;
    });
  }
}
