package dev.baton.cli;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** S3-triggered releases: uploads start pipelines exactly once, and every start is recorded. */
final class ReleaseStory implements DemoStory {
  @Override
  public String title() {
    return "S3-triggered releases (ReleaseTriggerFunction, rules from config/release-rules.json)";
  }

  @Override
  public void run(LocalStack stack, PrintStream out) {
    LocalLambda fn = stack.function("ReleaseTriggerFunction");
    upload(stack, fn, out, "s3-object-created.json", "a versioned upload");
    upload(stack, fn, out, "s3-object-created.json", "the same event delivered again");
    upload(stack, fn, out, "s3-object-created-multipart.json", "a multipart upload with spaces and + in its key");
    upload(stack, fn, out, "s3-notification-copy.json", "a copy, as a classic S3 notification (URL-encoded key)");
    upload(stack, fn, out, "s3-object-created-no-rule.json", "an object no rule matches");
    upload(stack, fn, out, "s3-malformed.json", "a malformed event");

    out.println("Release records now in the table (GSI1, per pipeline):");
    for (String pipeline : List.of("payments-deploy", "ledger-deploy", "billing-api-deploy")) {
      stack.dynamo().query(q -> q.tableName(LocalStack.TABLE).indexName("gsi1")
              .keyConditionExpression("gsi1pk = :p AND begins_with(gsi1sk, :r)")
              .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PIPELINE#" + pipeline),
                  ":r", AttributeValue.fromS("RELEASE#"))))
          .items().forEach(i -> out.printf("  %-20s %-8s %-38s s3://%s/%s%n", pipeline, i.get("status").s(),
              i.containsKey("executionId") ? i.get("executionId").s() : "-", i.get("bucket").s(), i.get("key").s()));
    }
  }

  private static void upload(LocalStack stack, LocalLambda fn, PrintStream out, String eventFile, String what) {
    stack.wiremock().resetRequests();
    Invocation result = fn.invoke(read(eventFile));
    out.println("-> " + what + " (events/" + eventFile + ")");
    for (String call : LocalStubs.calls(stack.wiremock())) {
      out.println("   called " + call);
    }
    if (result.failed()) {
      JsonObject error = Json.parseObject(result.bodyText());
      out.println("   rejected: " + error.optString("errorMessage").orElse(result.bodyText())
          + " (on AWS: retried, then sent to the on-failure queue)");
    } else {
      for (JsonObject r : Json.parseObject(result.bodyText()).objects("releases")) {
        out.println("   " + r.string("outcome") + r.optString("pipeline").map(p -> " " + p).orElse("")
            + r.optString("executionId").map(e -> " execution " + e).orElse("")
            + r.optString("reason").map(e -> ": " + e).orElse(""));
      }
    }
    out.println("   (" + result.elapsed().toMillis() + " ms)");
  }

  static String read(String eventFile) {
    try {
      return Files.readString(Repo.root().resolve("events").resolve(eventFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
