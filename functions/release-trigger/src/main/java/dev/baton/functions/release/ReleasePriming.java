package dev.baton.functions.release;

import dev.baton.aws.AwsClients;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoReleaseStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.release.ReleaseRules;
import dev.baton.core.release.ReleaseTrigger;
import dev.baton.core.release.S3Events;
import dev.baton.core.release.S3Object;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The release trigger's priming: its rules and a {@link ReleaseTrigger} on DynamoDB and CodePipeline answered in the
 * process ({@link PrimingClients}), with the freeze windows, handle a sample upload (an EventBridge {@code Object Created} event, and the same
 * upload as a classic S3 notification): parsing, rule matching, the conditional claim, StartPipelineExecution, the
 * record update, and the JDK's TLS set-up. No call leaves the process.
 */
final class ReleasePriming {
  private static final String EVENTBRIDGE = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"Object Created\","
      + "\"source\":\"aws.s3\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"bucket\":{\"name\":\"priming\"},"
      + "\"object\":{\"key\":\"releases/priming/1.0.0/priming.zip\",\"size\":1,\"etag\":\"e\",\"version-id\":\"v\","
      + "\"sequencer\":\"00\"},\"reason\":\"PutObject\"}}";
  private static final String NOTIFICATION = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
      + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"priming\"},\"object\":{\"key\":"
      + "\"releases/priming/1.0.0/priming.zip\",\"size\":1,\"eTag\":\"e\",\"versionId\":\"v\","
      + "\"sequencer\":\"00\"}}}]}";

  private ReleasePriming() {}

  /** Primes; returns how many calls the in-process stand-ins answered. */
  static int prime(ReleaseRules rules, FreezeCalendar calendar, String table) {
    PrimingClients aws = PrimingClients.create();
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    ReleaseTrigger trigger = ReleaseTrigger.builder(rules,
        new DynamoReleaseStore(dynamo, table, Optional.empty()),
        new CodePipelineStarter(aws.build(CodePipelineClient.builder())))
        .freezes(new Freezes(calendar, new DynamoFreezeStore(dynamo, table, Optional.empty())))
        .events(new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }),
            AwsClients.region().id())
        .build();
    S3Events.uploads(Json.parseObject(NOTIFICATION));
    for (S3Object upload : S3Events.uploads(Json.parseObject(EVENTBRIDGE))) {
      trigger.handle(upload);
    }
    PrimingClients.primeTls();
    return aws.answered();
  }
}
