package dev.baton.cli;

import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.core.history.ExecutionDetail;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Promotion chains (config/promotions.json): the release the release story started succeeds, and goes on to
 * staging, whose success goes on to production, each pinned to the uploaded object's version, each once.
 */
final class PromotionStory implements DemoStory {
  private static final String KEY = "releases/payments/1.4.2/payments-1.4.2.zip";
  private static final String SAMPLE_EXECUTION = "4f8a1c2e-7d3b-4e19-a0c5-92b6e1f7d304";
  private static final String SAMPLE_STAGING = "5b9e2d3f-8c4a-4f2a-b1d6-a3c7f2e8e415";

  @Override
  public String title() {
    return "Promotion chains: release -> staging -> prod (ReleaseTriggerFunction, config/promotions.json)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda fn = stack.function("ReleaseTriggerFunction");
    String released = stack.dynamo().getItem(b -> b.tableName(LocalStack.TABLE).key(Map.of(
        "pk", AttributeValue.fromS("RELEASE#acme-releases/" + KEY),
        "sk", AttributeValue.fromS("UPLOAD#v:3HL4kqtJlcpXroDTDmjVBH40Nrjfkd")))).item().get("executionId").s();
    out.println("payments-deploy execution " + released + " was released from s3://acme-releases/" + KEY
        + " (the release story)");
    String deploySucceeded = ReleaseStory.read("codepipeline-pipeline-succeeded.json")
        .replace(SAMPLE_EXECUTION, released);
    promote(stack, fn, out, ReleaseStory.read("codepipeline-pipeline-failed.json"),
        "another payments-deploy execution FAILED (events/codepipeline-pipeline-failed.json)");
    Optional<String> staging = promote(stack, fn, out, deploySucceeded,
        "the released execution SUCCEEDED (events/codepipeline-pipeline-succeeded.json)");
    promote(stack, fn, out, deploySucceeded, "the same event delivered again");
    Optional<String> prod = staging.flatMap(s -> promote(stack, fn, out,
        ReleaseStory.read("codepipeline-pipeline-succeeded-staging.json").replace(SAMPLE_STAGING, s),
        "the staging execution SUCCEEDED (events/codepipeline-pipeline-succeeded-staging.json); production's own "
            + "approval gate still applies once it runs"));

    out.println("What `./baton history show` says of them:");
    DynamoHistoryReader reader = new DynamoHistoryReader(stack.dynamo(), LocalStack.TABLE);
    for (var target : List.of(Map.entry("payments-staging", staging), Map.entry("payments-prod", prod))) {
      target.getValue().flatMap(x -> reader.detail(target.getKey(), x)).flatMap(ExecutionDetail::promotion)
          .ifPresent(p -> out.printf("  %-17s %s: %s; lead time counted from the %s at %s%n", target.getKey(),
              target.getValue().get(), p.describe(), p.origin().kind().name().toLowerCase(java.util.Locale.ROOT),
              p.origin().at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }
  }

  /** Delivers one CodePipeline event; returns the execution the promotion started, if it started one. */
  private static Optional<String> promote(LocalStack stack, LocalLambda fn, PrintStream out, String event,
                                          String what) {
    stack.wiremock().resetRequests();
    Invocation result = fn.invoke(event);
    out.println("-> " + what);
    LocalStubs.calls(stack.wiremock()).forEach(call -> out.println("   called " + call));
    if (result.failed()) {
      out.println("   failed: " + result.bodyText());
      return Optional.empty();
    }
    List<JsonObject> promotions = Json.parseObject(result.bodyText()).objects("promotions");
    if (promotions.isEmpty()) {
      out.println("   nothing promoted");
    }
    Optional<String> started = Optional.empty();
    for (JsonObject p : promotions) {
      out.println("   " + p.string("outcome") + " " + p.string("from") + " -> " + p.string("to") + " (promotion "
          + p.string("rule") + ")" + p.optString("executionId").map(e -> " execution " + e).orElse("")
          + p.optString("reason").map(r -> ": " + r).orElse(""));
      if (p.string("outcome").equals("STARTED")) {
        started = p.optString("executionId");
      }
    }
    out.println("   (" + result.elapsed().toMillis() + " ms)");
    return started;
  }
}
