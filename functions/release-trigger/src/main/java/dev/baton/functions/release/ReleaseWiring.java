package dev.baton.functions.release;

import dev.baton.aws.AwsClients;
import dev.baton.aws.codepipeline.CodePipelineSourceRecords;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoHistoryReader;
import dev.baton.aws.dynamodb.DynamoPromotionStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The release trigger's object graph, wired once from its edges (DynamoDB, CodePipeline, where Baton's events go),
 * and the dispatch of one event to it ({@link #answer}): by the handler on the real edges, and by
 * {@link ReleasePriming} on edges answered in the process, so priming runs exactly the code an event runs.
 */
record ReleaseWiring(ReleaseTrigger trigger, Promoter promoter, DynamoReleaseStore releases) {
  static ReleaseWiring wire(DynamoDbClient dynamo, CodePipelineClient codePipeline, EventPublisher events,
                            String table, Optional<Duration> retention, ReleaseRules rules, Promotions promotions,
                            FreezeCalendar calendar) {
    Freezes freezes = new Freezes(calendar, new DynamoFreezeStore(dynamo, table, retention));
    CodePipelineStarter starter = new CodePipelineStarter(codePipeline);
    DynamoReleaseStore releases = new DynamoReleaseStore(dynamo, table, retention);
    ReleaseTrigger trigger = ReleaseTrigger.builder(rules, releases, starter)
        .events(events, AwsClients.region().id())
        .freezes(freezes)
        .build();
    Promoter promoter = new Promoter(promotions,
        new SourceResolver(new CodePipelineSourceRecords(new DynamoHistoryReader(dynamo, table), codePipeline)),
        new DynamoPromotionStore(dynamo, table, retention), starter, Optional.of(freezes), events,
        AwsClients.region().id(), Clock.systemUTC());
    return new ReleaseWiring(trigger, promoter, releases);
  }

  /**
   * The answer to {@code event}: the stack's schedule sweeps the held releases and promotions; a pipeline execution
   * event is promoted; anything else is read as S3 uploads (a malformed one fails, naming the field).
   */
  String answer(JsonObject event) {
    if (isSchedule(event)) {
      return sweep();
    }
    if (PipelineEvents.isPipelineEvent(event)) {
      PipelineEvent changed = PipelineEvents.parse(event);
      List<PromotionOutcome> promoted = changed instanceof PipelineExecutionEvent e ? promoter.handle(e) : List.of();
      return Json.write(Map.of("promotions", promoted.stream().map(Answers::describe).toList()));
    }
    List<S3Object> uploads = S3Events.uploads(event);
    List<Map<String, Object>> results = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (S3Object upload : uploads) {
      try {
        results.add(Answers.describe(trigger.handle(upload)));
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
    return Json.write(Map.of("releases", results));
  }

  /** Starts the held releases, then the held promotions (a failure of the first does not stop the second). */
  private String sweep() {
    List<Map<String, Object>> released = List.of();
    RuntimeException failure = null;
    try {
      released = trigger.releaseHeld().stream().map(Answers::describe).toList();
    } catch (RuntimeException e) {
      failure = e;
    }
    List<Map<String, Object>> promoted = promoter.promoteHeld().stream().map(Answers::describe).toList();
    if (failure != null) {
      throw failure;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("released", released);
    answer.put("promoted", promoted);
    return Json.write(answer);
  }

  /** The stack's sweep schedule: an EventBridge scheduled event. */
  private static boolean isSchedule(JsonObject event) {
    return "aws.events".equals(event.optString("source").orElse(null))
        && "Scheduled Event".equals(event.optString("detail-type").orElse(null));
  }
}
