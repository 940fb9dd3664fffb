package dev.baton.cli;

import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.history.DoraFigures;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.PipelineStories;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pipeline history: the CodePipeline events of a morning of releases (the ones the release story started, then a
 * failed build, a retried deployment, a superseded and a stopped execution, a rejected approval) go through the
 * packaged history function, one of them out of order and with duplicates; then the history, an execution in detail
 * and the DORA metrics are read back as `./baton history` and `./baton dora` show them.
 */
final class HistoryStory implements DemoStory {
  @Override
  public String title() {
    return "Pipeline history and DORA metrics (PipelineHistoryFunction, read back as ./baton history / dora)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda fn = stack.function("PipelineHistoryFunction");
    // Earlier today: five runs of payments-deploy; then the executions the release story just started.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant base = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
    Map<String, String> released = releasedExecutions(stack);
    String paymentsRelease = released.getOrDefault(PipelineStories.PIPELINE, UUID.randomUUID().toString());
    replay(fn, out, "payments-deploy: a push fails its build", PipelineStories.failure(
        "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", base.plus(Duration.ofHours(1))));
    List<String> retried = PipelineStories.retryThenSuccess("b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40",
        base.plus(Duration.ofHours(2)));
    List<String> scrambled = new ArrayList<>(retried);
    scrambled.addAll(retried.subList(4, 10));
    Collections.shuffle(scrambled, new Random(3));
    replay(fn, out, "payments-deploy: the deployment fails, is retried and succeeds (delivered shuffled, "
        + (scrambled.size() - retried.size()) + " duplicates)", scrambled);
    replay(fn, out, "payments-deploy: superseded after the build", PipelineStories.superseded(
        "c41f9a27-6e8b-4d13-a5c0-9b3e2f7d1a54", base.plus(Duration.ofHours(3))));
    replay(fn, out, "payments-deploy: stopped during the deployment", PipelineStories.stopped(
        "f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31", base.plus(Duration.ofHours(4))));
    replay(fn, out, "payments-deploy: the production gate is rejected", PipelineStories.approvalRejected(
        "5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073", base.plus(Duration.ofHours(5))));
    released.forEach((pipeline, id) -> replay(fn, out, pipeline + ": the release the S3 upload started succeeds",
        pipeline.equals(PipelineStories.PIPELINE) ? PipelineStories.success(id, now.plusSeconds(1))
            : PipelineStories.success(pipeline, id, now.plusSeconds(1))));
    replay(fn, out, "a malformed event (events/codepipeline-event-malformed.json)",
        List.of(ReleaseStory.read("codepipeline-event-malformed.json")));

    DynamoHistoryReader reader = new DynamoHistoryReader(stack.dynamo(), LocalStack.TABLE);
    out.println();
    out.println("$ ./baton history");
    HistoryView.executions(out, reader.recent(20), true);
    out.println();
    out.println("$ ./baton history show b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40");
    HistoryView.detail(out, reader.detail(PipelineStories.PIPELINE, "b7c3e9a1-4d2f-4e86-8a15-3f9d6c2b7e40")
        .orElseThrow());
    out.println();
    out.println("$ ./baton history show " + paymentsRelease + "   (started by the S3 upload of the release story)");
    HistoryView.detail(out, reader.detail(PipelineStories.PIPELINE, paymentsRelease).orElseThrow());
    out.println();
    Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    out.println("$ ./baton dora --since " + from + " --until " + to);
    List<String> pipelines = reader.pipelines();
    HistoryView.dora(out, DoraFigures.read(reader, pipelines, from, to), pipelines);
    out.println();
    out.println("Against a deployed stack: ./baton history --table <TableName output> [--pipeline <name>] [--json],");
    out.println("./baton history show <execution id>, ./baton dora [--pipeline <name>] [--days 30] [--json].");
  }

  private static void replay(LocalLambda fn, PrintStream out, String what, List<String> events) {
    int advanced = 0;
    int late = 0;
    int failed = 0;
    long millis = 0;
    Optional<String> error = Optional.empty();
    for (String event : events) {
      Invocation r = fn.invoke(event);
      millis += r.elapsed().toMillis();
      if (r.failed()) {
        failed++;
        error = Optional.of(r.bodyText().replaceAll(".*\"errorMessage\":\"([^\"]*)\".*", "$1"));
      } else if (r.bodyText().contains("\"advanced\":true")) {
        advanced++;
      } else {
        late++;
      }
    }
    out.printf("-> %s: %d events, %d recorded, %d late or duplicate (merged, no state change)%s (%d ms)%n", what,
        events.size(), advanced, late, failed > 0 ? ", " + failed + " rejected: " + error.orElse("") : "", millis);
  }

  /** The executions the release story started, by pipeline (from the release records it wrote). */
  private static Map<String, String> releasedExecutions(LocalStack stack) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pipeline : List.of("payments-deploy", "ledger-deploy", "billing-api-deploy")) {
      stack.dynamo().query(q -> q.tableName(LocalStack.TABLE).indexName("gsi1")
              .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :r)")
              .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PIPELINE#" + pipeline),
                  ":r", AttributeValue.fromS("RELEASE#"))))
          .items().stream().filter(i -> i.containsKey("executionId")).findFirst()
          .ifPresent(i -> out.put(pipeline, i.get("executionId").s()));
    }
    return out;
  }
}
