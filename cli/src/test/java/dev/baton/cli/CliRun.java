package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** A command line run in this JVM: its exit code and what it printed on standard output and error. */
public record CliRun(int exit, String out, String err) {
  /** Runs {@code command} (a picocli command object, e.g. {@code new Baton()}) with {@code args}. */
  public static CliRun of(Object command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(command);
      cli.setErr(new PrintWriter(System.err, true));
      int exit = cli.execute(args);
      return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Both streams, for assertion messages. */
  public String all() {
    return out + err;
  }
}
