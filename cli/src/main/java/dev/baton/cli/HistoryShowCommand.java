package dev.baton.cli;

import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.json.Json;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./baton history show <execution id>}: one execution with its stages, actions, errors and release. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "One execution in detail: stages, actions, errors, links, the S3 upload that "
    + "started it.")
final class HistoryShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TableOptions options;

  @Parameters(index = "0", description = "the pipeline execution id")
  String executionId;

  @Option(names = {"-p", "--pipeline"}, description = "its pipeline (faster); default: look in every pipeline")
  String pipeline;

  @Option(names = "--json", description = "JSON for scripts instead of text")
  boolean json;

  @Override
  public Integer call() {
    return options.read(spec, reader -> {
      Optional<ExecutionDetail> detail = pipeline != null ? reader.detail(pipeline, executionId)
          : reader.find(executionId);
      if (detail.isEmpty()) {
        System.err.println("No execution " + executionId + " recorded" + (pipeline != null ? " for " + pipeline : "")
            + ".");
        return 1;
      }
      if (json) {
        System.out.println(Json.write(HistoryJson.detail(detail.get())));
      } else {
        HistoryView.detail(System.out, detail.get());
      }
      return 0;
    });
  }
}
