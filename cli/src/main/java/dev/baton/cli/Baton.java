package dev.baton.cli;

import dev.baton.cli.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./baton}: Baton on this machine. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
    description = "Event-driven release orchestration for AWS CodePipeline.",
    subcommands = {DemoCommand.class, InvokeCommand.class, HistoryCommand.class, DoraCommand.class,
        BenchCommand.class, ReplayCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Baton {
  public static void main(String[] args) {
    int code = new CommandLine(new Baton()).execute(args);
    System.exit(code);
  }
}
