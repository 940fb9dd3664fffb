package dev.baton.functions.history;

import dev.baton.aws.cloudwatch.EmfHistoryMetrics;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PipelineEvents;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The history's priming: a {@link HistoryRecorder} on DynamoDB answered in the process ({@link PrimingClients}),
 * its metrics written to nowhere, records a sample action event and the execution events that end it (parsing, the
 * conditional UpdateItems of each level, the execution-finished metric), then the JDK's TLS set-up. No call leaves
 * the process, and no metric reaches the log.
 */
final class HistoryPriming {
  private HistoryPriming() {}

  /** Primes; returns how many calls the in-process stand-in answered. */
  static int prime(String table) {
    PrimingClients aws = PrimingClients.create();
    HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(aws.build(DynamoDbClient.builder()), table),
        new EmfHistoryMetrics(new PrintStream(OutputStream.nullOutputStream()), "priming", Clock.systemUTC()),
        Optional.empty());
    var action = PipelineEvents.primingSample();
    recorder.record(action);
    String envelope = "{\"version\":\"0\",\"id\":\"priming-%s\",\"detail-type\":\"CodePipeline %s Execution State "
        + "Change\",\"source\":\"aws.codepipeline\",\"account\":\"000000000000\",\"time\":\"%s\","
        + "\"region\":\"eu-west-1\",\"resources\":[\"arn:aws:codepipeline:eu-west-1:000000000000:priming\"],"
        + "\"detail\":{\"pipeline\":\"priming\",\"execution-id\":\"%s\","
        + "\"start-time\":\"%s\",\"state\":\"%s\",\"version\":1,\"pipeline-execution-attempt\":1%s}}";
    String time = action.time().toString();
    recorder.record(PipelineEvents.parse(Json.parseObject(String.format(envelope, "stage", "Stage", time,
        action.executionId(), time, "FAILED", ",\"stage\":\"Build\""))));
    recorder.record(PipelineEvents.parse(Json.parseObject(String.format(envelope, "pipeline", "Pipeline", time,
        action.executionId(), time, "FAILED", ",\"execution-trigger\":{\"trigger-type\":\"StartPipelineExecution\","
            + "\"trigger-detail\":\"priming\"}"))));
    PrimingClients.primeTls();
    return aws.answered();
  }
}
