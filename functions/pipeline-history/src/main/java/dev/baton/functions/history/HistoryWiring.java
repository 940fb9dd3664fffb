package dev.baton.functions.history;

import dev.baton.aws.cloudwatch.EmfHistoryMetrics;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.history.HistoryRecorder.Recorded;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.pipeline.StageExecutionEvent;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The history's object graph, wired once from its edges (DynamoDB, where the metrics go), and the recording of one
 * event ({@link #answer}): by the handler on the real edges, and by {@link HistoryPriming} on DynamoDB answered in
 * the process with its metrics written to nowhere.
 */
record HistoryWiring(HistoryRecorder recorder) {
  static HistoryWiring wire(DynamoDbClient dynamo, String table, PrintStream metrics, String namespace,
                            Optional<Duration> retention) {
    return new HistoryWiring(new HistoryRecorder(new DynamoHistoryStore(dynamo, table),
        new EmfHistoryMetrics(metrics, namespace, Clock.systemUTC()), retention));
  }

  /** The answer to {@code event}, recorded (a malformed or foreign one fails, naming the field, writing nothing). */
  String answer(JsonObject event) {
    Recorded recorded = recorder.record(PipelineEvents.parse(event));
    Map<String, Object> answer = describe(recorded);
    Log.info(recorded.advanced() ? "recorded" : "already recorded (late or duplicate event; facts merged)",
        "event", answer, "capacityUnits", recorded.capacityUnits());
    return Json.write(Map.of("recorded", answer));
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
