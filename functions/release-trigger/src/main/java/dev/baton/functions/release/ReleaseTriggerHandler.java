package dev.baton.functions.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.AwsClients;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.core.events.EventPublishException;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.release.ReleaseInProgressException;
import dev.baton.core.release.ReleaseOutcome;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.release.ReleaseTrigger;
import dev.baton.core.release.S3Events;
import dev.baton.core.release.S3Object;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The release-trigger function: S3 upload events (EventBridge {@code Object Created}, or S3 notifications) in, at
 * most one pipeline start per upload out. Answers with what it did for each upload. A malformed event fails the
 * invocation (Lambda retries it, then sends it to the on-failure destination); a transient failure of one upload
 * fails the invocation after the others were handled, and the retry finds those already done.
 *
 * <p>The stack's schedule ({@code aws.events} {@code Scheduled Event}) invokes it too: then it starts the releases
 * that were held by a freeze that has ended.
 */
public final class ReleaseTriggerHandler implements RequestStreamHandler {
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final Freezes FREEZES = new Freezes(CALENDAR,
      new DynamoFreezeStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS")));
  private static final ReleaseRules RULES = ReleaseRulesSource.load();
  private static final ReleaseTrigger TRIGGER = ReleaseTrigger.builder(
          RULES,
          new DynamoReleaseStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS")),
          new CodePipelineStarter(CodePipelineStarter.defaultClient()))
      .events(EventBridgePublisher.fromEnvironment(), AwsClients.region().id())
      .freezes(FREEZES)
      .build();
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("release-trigger",
      () -> ReleasePriming.prime(RULES, CALENDAR, TABLE));

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonObject event = Json.parseObject(input);
    if (isSchedule(event)) {
      List<Map<String, Object>> started = TRIGGER.releaseHeld().stream().map(ReleaseTriggerHandler::describe)
          .toList();
      output.write(Json.write(Map.of("released", started)).getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<S3Object> uploads = S3Events.uploads(event);
    List<Map<String, Object>> results = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (S3Object upload : uploads) {
      try {
        results.add(describe(TRIGGER.handle(upload)));
      } catch (ReleaseInProgressException | EventPublishException e) {
        firstFailure = firstFailure == null ? e : firstFailure;   // logged, with what happens next, where thrown
      } catch (RuntimeException e) {
        Log.error("release could not be started now; the event will be retried", "object", upload.toString(),
            "error", e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
    output.write(Json.write(Map.of("releases", results)).getBytes(StandardCharsets.UTF_8));
  }

  /** The stack's sweep schedule: an EventBridge scheduled event. */
  private static boolean isSchedule(JsonObject event) {
    return "aws.events".equals(event.optString("source").orElse(null))
        && "Scheduled Event".equals(event.optString("detail-type").orElse(null));
  }

  private static Map<String, Object> describe(ReleaseOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bucket", o.object().bucket());
    m.put("key", o.object().key());
    o.object().versionId().ifPresent(v -> m.put("versionId", v));
    m.put("outcome", o.kind().name());
    o.rule().ifPresent(v -> m.put("rule", v));
    o.pipeline().ifPresent(v -> m.put("pipeline", v));
    o.executionId().ifPresent(v -> m.put("executionId", v));
    o.reason().ifPresent(v -> m.put("reason", v));
    return m;
  }
}
