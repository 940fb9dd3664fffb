package dev.baton.cli;

import dev.baton.local.LocalStack;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./baton demo}: Baton's main job on its embedded default. Starts dynalite and WireMock on loopback ports,
 * runs the packaged functions as template.yaml declares them, and tells each story as it goes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Baton's stories locally on the embedded stand-ins (dynalite, WireMock).")
final class DemoCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "sandbox", description = "sandbox: replay the events of the sandbox "
      + "pipeline (examples/sandbox-pipeline) instead of the main stories")
  String story;

  /** The stories, in order; each leaves what it stored in the table for the next. */
  static List<DemoStory> stories() {
    return List.of(new ReleaseStory(), new PromotionStory(), new HistoryStory(), new ApprovalStory(), new AlertStory(),
        new CommandStory(), new FreezeStory());
  }

  @Override
  public Integer call() {
    if (story != null && !story.equals("sandbox")) {
      System.err.println("baton demo: unknown story \"" + story + "\"; run `./baton demo` or `./baton demo sandbox`");
      return 2;
    }
    List<DemoStory> stories = story == null ? stories() : List.of(new SandboxStory());
    PrintStream out = System.out;
    try (LocalStack stack = LocalStack.start()) {
      LocalStubs.install(stack.wiremock());
      out.println("Baton demo on the embedded stand-ins: dynalite at " + stack.dynamoEndpoint() + ", WireMock at "
          + stack.wiremockUrl() + " (AWS APIs and Slack), table " + LocalStack.TABLE + ".");
      for (DemoStory next : stories) {
        out.println();
        out.println("== " + next.title());
        next.run(stack, out);
      }
      out.println();
      out.println("Done: every function ran from its packaged zip under the Lambda Java runtime interface client.");
      return 0;
    }
  }
}
