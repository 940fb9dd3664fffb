package dev.baton.functions.history;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.cloudwatch.EmfHistoryMetrics;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.history.HistoryRecorder.Recorded;
import dev.baton.core.json.Json;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.pipeline.StageExecutionEvent;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pipeline-history function: one CodePipeline execution state-change event in (EventBridge), the execution
 * history updated with conditional writes that make order and duplicates irrelevant, a metric when an execution
 * ends. A malformed or foreign event fails the invocation with the field named and writes nothing (Lambda retries
 * it, then sends it to the on-failure queue); DynamoDB throttling and 5xx are retried by the SDK, then by Lambda.
 */
public final class PipelineHistoryHandler implements RequestStreamHandler {
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final DynamoHistoryStore STORE = new DynamoHistoryStore(DYNAMO, TABLE);
  private static final HistoryRecorder RECORDER = new HistoryRecorder(STORE,
      new EmfHistoryMetrics(System.out, Env.optional("BATON_METRICS_NAMESPACE").orElse("Baton"), Clock.systemUTC()),
      Env.retentionDays("BATON_RETENTION_DAYS"));
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("pipeline-history",
      () -> HistoryPriming.prime(TABLE));

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    PipelineEvent event = PipelineEvents.parse(Json.parseObject(input));
    Recorded recorded = RECORDER.record(event);
    Map<String, Object> answer = describe(recorded);
    Log.info(recorded.advanced() ? "recorded" : "already recorded (late or duplicate event; facts merged)",
        "event", answer, "capacityUnits", recorded.capacityUnits());
    output.write(Json.write(Map.of("recorded", answer)).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> describe(Recorded r) {
    PipelineEvent e = r.event();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventId", e.eventId());
    m.put("level", e.level().name());
    m.put("pipeline", e.pipeline());
    m.put("executionId", e.executionId());
    if (e instanceof StageExecutionEvent s) {
      m.put("stage", s.stage());
    }
    if (e instanceof ActionExecutionEvent a) {
      m.put("stage", a.stage());
      m.put("action", a.action());
    }
    m.put("state", e.state().name());
    m.put("attempt", e.attempt());
    m.put("advanced", r.advanced());
    m.put("writes", r.writes());
    return m;
  }
}
