package dev.baton.cli;

import dev.baton.local.LocalStack;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./baton demo}: Baton's main job on its embedded default. Starts dynalite and WireMock on loopback ports,
 * runs the packaged functions as template.yaml declares them, and tells each story as it goes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Baton's stories locally on the embedded stand-ins (dynalite, WireMock).")
final class DemoCommand implements Callable<Integer> {
  /** The stories, in order; each leaves what it stored in the table for the next. */
  static List<DemoStory> stories() {
    return List.of(new ReleaseStory(), new HistoryStory(), new ApprovalStory(), new AlertStory());
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try (LocalStack stack = LocalStack.start()) {
      LocalStubs.install(stack.wiremock());
      out.println("Baton demo on the embedded stand-ins: dynalite at " + stack.dynamoEndpoint() + ", WireMock at "
          + stack.wiremockUrl() + " (AWS APIs and Slack), table " + LocalStack.TABLE + ".");
      for (DemoStory story : stories()) {
        out.println();
        out.println("== " + story.title());
        story.run(stack, out);
      }
      out.println();
      out.println("Done: every function ran from its packaged zip under the Lambda Java runtime interface client.");
      return 0;
    }
  }
}
