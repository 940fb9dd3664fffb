package dev.baton.cli;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.local.Invocation;
import dev.baton.local.LocalStack;
import dev.baton.local.SandboxAnswers;
import dev.baton.local.SandboxRun;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code ./baton demo sandbox}: the events the sandbox pipeline of examples/sandbox-pipeline emits for two releases
 * (one approved in Slack and deployed, one whose build fails on purpose), replayed through the packaged functions as
 * S3, EventBridge, SNS and Slack deliver them, moved to the present; then the history and DORA metrics as
 * {@code ./baton history} and {@code ./baton dora} show them.
 */
final class SandboxStory implements DemoStory {
  @Override
  public String title() {
    return "The sandbox pipeline (examples/sandbox-pipeline): its events replayed from "
        + "examples/sandbox-pipeline/events/";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    SandboxAnswers.install(stack.wiremock());
    String[] last = {""};
    SandboxRun.replay(stack, Map.of(), payload -> ApprovalStory.signed(payload, SandboxAnswers.SIGNING_SECRET),
        (step, function, result, calls) -> {
          if (!step.what().equals(last[0])) {
            out.println("-> " + step.what() + " (" + step.event() + ")");
            last[0] = step.what();
          }
          out.println("   " + function + ": " + answer(result) + " (" + result.elapsed().toMillis() + " ms)");
          calls.stream().map(SandboxStory::describe).filter(c -> c != null)
              .forEach(c -> out.println("      " + c));
        });

    DynamoHistoryReader reader = new DynamoHistoryReader(stack.dynamo(), LocalStack.TABLE);
    out.println();
    out.println("$ ./baton history --pipeline " + SandboxRun.PIPELINE);
    HistoryView.executions(out, reader.recent(SandboxRun.PIPELINE, 20), false);
    for (String execution : List.of(SandboxRun.RELEASED, SandboxRun.FAILED)) {
      out.println();
      out.println("$ ./baton history show " + execution);
      HistoryView.detail(out, reader.detail(SandboxRun.PIPELINE, execution).orElseThrow());
    }
    Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    Instant from = to.minus(Duration.ofDays(1));
    out.println();
    out.println("$ ./baton dora --pipeline " + SandboxRun.PIPELINE + " --since " + from + " --until " + to);
    HistoryView.dora(out, DoraCommand.report(reader, List.of(SandboxRun.PIPELINE), from, to),
        List.of(SandboxRun.PIPELINE));
  }

  private static String answer(Invocation result) {
    String body = result.bodyText();
    String text = (result.failed() ? "FAILED " : "") + body;
    return text.length() > 180 ? text.substring(0, 180) + "..." : text;
  }

  /** The calls worth seeing: what was started, posted, published or decided; null for look-ups and secrets. */
  private static String describe(LoggedRequest r) {
    String body = r.getBodyAsString();
    if (body.startsWith("Action=Publish")) {
      return "SNS Publish " + AlertStory.form(body, "Subject");
    }
    String line = LocalStubs.describe(r);
    boolean shown = line.startsWith("StartPipelineExecution") || line.startsWith("PutApprovalResult")
        || line.startsWith("POST /slack/api/chat.") || line.startsWith("POST /2015-03-31/functions/");
    if (!shown) {
      return null;
    }
    return line.length() > 240 ? line.substring(0, 240) + "..." : line;
  }
}
