package dev.baton.functions.release;

import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingHttpClient.Answer;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.aws.priming.PrimingSeeds;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.promotion.PromotionRule;
import dev.baton.core.promotion.Promotions;
import dev.baton.core.release.ReleaseRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The release trigger's priming: the function's own object graph and dispatch ({@link ReleaseWiring}) on DynamoDB,
 * CodePipeline and EventBridge answered in the process ({@link PrimingClients}) is given one sample of each event
 * shape the handler takes, with the function's rules, promotions and freeze windows: an upload as an EventBridge
 * {@code Object Created} event and one as an S3 notification (rule matching, the freezes, the conditional claim,
 * StartPipelineExecution, the record update, "Baton Release Started"); a SUCCEEDED execution of a promotion's
 * source pipeline that Baton did not start (its revision from GetPipelineExecution) and one that a Baton release
 * started (its revision from Baton's record), each promoted (the claim, StartPipelineExecution, the record, "Baton
 * Promotion Started"); an execution event no promotion takes; the schedule's sweep of held releases and
 * promotions; then the JDK's TLS set-up. No call leaves the process.
 */
final class ReleasePriming {
  /** An execution Baton has no record of, and one a Baton release started. */
  private static final String UNRECORDED = "00000000-0000-4000-8000-0000000000a1";
  private static final String RELEASED = "00000000-0000-4000-8000-0000000000a2";
  private static final String EVENTBRIDGE = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"Object Created\","
      + "\"source\":\"aws.s3\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"bucket\":{\"name\":\"priming\"},"
      + "\"object\":{\"key\":\"releases/priming/1.0.0/priming.zip\",\"size\":1,\"etag\":\"e\",\"version-id\":\"v\","
      + "\"sequencer\":\"00\"},\"reason\":\"PutObject\"}}";
  private static final String NOTIFICATION = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
      + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"priming\"},\"object\":{\"key\":"
      + "\"releases/priming/1.0.1/priming.zip\",\"size\":1,\"eTag\":\"e\",\"versionId\":\"v\","
      + "\"sequencer\":\"00\"}}}]}";
  private static final String SCHEDULE = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"Scheduled Event\","
      + "\"source\":\"aws.events\",\"account\":\"000000000000\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":"
      + "\"eu-west-1\",\"resources\":[\"arn:aws:events:eu-west-1:000000000000:rule/priming\"],\"detail\":{}}";
  /** CodePipeline's record of an execution Baton did not start: one S3 revision and one variable. */
  private static final String EXECUTION = "{\"pipelineExecution\":{\"pipelineName\":\"priming\","
      + "\"pipelineExecutionId\":\"" + UNRECORDED + "\",\"status\":\"Succeeded\",\"artifactRevisions\":[{\"name\":"
      + "\"SourceArtifact\",\"revisionId\":\"priming-version\",\"revisionSummary\":\"priming\"}],"
      + "\"variables\":[{\"name\":\"PRIMING\",\"resolvedValue\":\"priming\"}]}}";

  private ReleasePriming() {}

  /** Primes, one path per event shape ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(String table, ReleaseRules rules, Promotions promotions, FreezeCalendar calendar) {
    PrimingRun run = PrimingRun.on(PrimingClients.answering(Map.of(
        "CodePipeline_20150709.GetPipelineExecution", Answer.json(EXECUTION))));
    PrimingClients aws = run.aws();
    ReleaseWiring wiring = ReleaseWiring.wire(aws.build(DynamoDbClient.builder()),
        aws.build(CodePipelineClient.builder()),
        new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }), table,
        Optional.empty(), rules, promotions, calendar);
    run.path("upload (EventBridge Object Created)", () -> wiring.answer(Json.parseObject(EVENTBRIDGE)));
    run.path("upload (S3 notification)", () -> wiring.answer(Json.parseObject(NOTIFICATION)));

    // A promotion that takes an execution Baton did not start (no release rule, no branch asked for), and one
    // that takes a release's execution (its rule's releasedBy, whose link the sample record below puts in place).
    Optional<PromotionRule> unrecorded = promotions.rules().stream()
        .filter(r -> r.releasedBy().isEmpty() && r.branch().isEmpty()).findFirst();
    Optional<PromotionRule> released = promotions.rules().stream().filter(r -> r.releasedBy().isPresent())
        .findFirst();
    run.path("promotion (revision from GetPipelineExecution)", () -> wiring.answer(Json.parseObject(
        succeeded(unrecorded.map(PromotionRule::from).orElse("priming"), UNRECORDED))));
    released.ifPresent(r -> PrimingSeeds.startedRelease(wiring.releases(), r.releasedBy().orElseThrow(), r.from(),
        RELEASED));
    run.path("promotion (revision from Baton's release record)", () -> wiring.answer(Json.parseObject(
        succeeded(released.map(PromotionRule::from).orElse("priming"), RELEASED))));
    run.path("execution event no promotion takes", () -> wiring.answer(Json.parseObject(
        succeeded("priming-not-promoted", UNRECORDED).replace("SUCCEEDED", "STARTED"))));
    run.path("held-release sweep (schedule)", () -> wiring.answer(Json.parseObject(SCHEDULE)));
    return run;
  }

  /** A {@code CodePipeline Pipeline Execution State Change} to SUCCEEDED of {@code pipeline}'s {@code executionId}. */
  private static String succeeded(String pipeline, String executionId) {
    return Json.write(Map.of("version", "0", "id", "priming-" + executionId,
        "detail-type", "CodePipeline Pipeline Execution State Change", "source", "aws.codepipeline",
        "account", "000000000000", "time", "2026-01-01T00:10:00Z", "region", "eu-west-1",
        "resources", List.of("arn:aws:codepipeline:eu-west-1:000000000000:" + pipeline),
        "detail", Map.of("pipeline", pipeline, "execution-id", executionId, "start-time", "2026-01-01T00:00:00Z",
            "state", "SUCCEEDED", "version", 1, "pipeline-execution-attempt", 1)));
  }
}
