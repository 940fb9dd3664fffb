package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of {@code ./baton}, at any depth, answers {@code --help} and {@code -h} with its usage, exit 0. */
class HelpTest {
  private static List<CommandLine> everyCommand(CommandLine command) {
    List<CommandLine> all = new ArrayList<>(List.of(command));
    command.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(everyCommand(sub)));
    return all;
  }

  @Test
  void givenHelpOnAnyCommand_thenItsUsageAndExitZero() {
    List<CommandLine> commands = everyCommand(new CommandLine(new Baton()));
    assertTrue(commands.size() >= 8, "baton, demo, invoke, history, history show, dora, bench, help");

    for (CommandLine command : commands) {
      String path = command.getCommandSpec().qualifiedName(" ");
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(List.of(path.split(" ")).subList(1, path.split(" ").length));
        args.add(flag);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Baton());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute(args.toArray(String[]::new));

        assertEquals(0, exit, () -> path + " " + flag + ": " + err);
        assertTrue(out.toString().contains("Usage: " + path + " ["), () -> path + " " + flag + ":\n" + out + err);
        assertEquals("", err.toString(), path + " " + flag);
      }
    }
  }
}
