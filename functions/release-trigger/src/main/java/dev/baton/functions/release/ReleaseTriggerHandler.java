package dev.baton.functions.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.AwsClients;
import dev.baton.aws.codepipeline.CodePipelineSourceRecords;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.aws.dynamodb.DynamoPromotionStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.core.events.EventPublishException;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.promotion.Promoter;
import dev.baton.core.promotion.PromotionOutcome;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.promotion.SourceResolver;
import dev.baton.core.release.ReleaseInProgressException;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The release-trigger function: S3 upload events (EventBridge {@code Object Created}, or S3 notifications) in, at
 * most one pipeline start per upload out. Answers with what it did for each upload. A malformed event fails the
 * invocation (Lambda retries it, then sends it to the on-failure destination); a transient failure of one upload
 * fails the invocation after the others were handled, and the retry finds those already done.
 *
 * <p>A succeeded pipeline execution ({@code CodePipeline Pipeline Execution State Change}, SUCCEEDED) is promoted
 * to the next pipelines of its chains ({@code config/promotions.json}). The stack's schedule ({@code aws.events}
 * {@code Scheduled Event}) invokes it too: then it starts the releases and promotions that were held by a freeze
 * that has ended.
 */
public final class ReleaseTriggerHandler implements RequestStreamHandler {
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final Freezes FREEZES = new Freezes(CALENDAR,
      new DynamoFreezeStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS")));
  private static final ReleaseRules RULES = ReleaseRulesSource.load();
  private static final Promotions PROMOTIONS = PromotionsSource.load(RULES);
  private static final CodePipelineClient CODEPIPELINE = CodePipelineStarter.defaultClient();
  private static final CodePipelineStarter STARTER = new CodePipelineStarter(CODEPIPELINE);
  private static final EventPublisher EVENTS = EventBridgePublisher.fromEnvironment();
  private static final ReleaseTrigger TRIGGER = ReleaseTrigger.builder(
          RULES,
          new DynamoReleaseStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS")),
          STARTER)
      .events(EVENTS, AwsClients.region().id())
      .freezes(FREEZES)
      .build();
  private static final Promoter PROMOTER = new Promoter(PROMOTIONS,
      new SourceResolver(new CodePipelineSourceRecords(new DynamoHistoryReader(DYNAMO, TABLE), CODEPIPELINE)),
      new DynamoPromotionStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS")), STARTER,
      Optional.of(FREEZES), EVENTS, AwsClients.region().id(), Clock.systemUTC());
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("release-trigger",
      () -> ReleasePriming.prime(RULES, CALENDAR, TABLE));

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonObject event = Json.parseObject(input);
    if (isSchedule(event)) {
      sweep(output);
      return;
    }
    if (PipelineEvents.isPipelineEvent(event)) {
      PipelineEvent changed = PipelineEvents.parse(event);
      List<PromotionOutcome> promoted = changed instanceof PipelineExecutionEvent e ? PROMOTER.handle(e) : List.of();
      output.write(Json.write(Map.of("promotions", promoted.stream().map(Answers::describe).toList()))
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<S3Object> uploads = S3Events.uploads(event);
    List<Map<String, Object>> results = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (S3Object upload : uploads) {
      try {
        results.add(Answers.describe(TRIGGER.handle(upload)));
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

  /** Starts the held releases, then the held promotions (a failure of the first does not stop the second). */
  private static void sweep(OutputStream output) throws IOException {
    List<Map<String, Object>> released = List.of();
    RuntimeException failure = null;
    try {
      released = TRIGGER.releaseHeld().stream().map(Answers::describe).toList();
    } catch (RuntimeException e) {
      failure = e;
    }
    List<Map<String, Object>> promoted = PROMOTER.promoteHeld().stream().map(Answers::describe).toList();
    if (failure != null) {
      throw failure;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("released", released);
    answer.put("promoted", promoted);
    output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
  }

  /** The stack's sweep schedule: an EventBridge scheduled event. */
  private static boolean isSchedule(JsonObject event) {
    return "aws.events".equals(event.optString("source").orElse(null))
        && "Scheduled Event".equals(event.optString("detail-type").orElse(null));
  }
}
