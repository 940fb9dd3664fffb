import dev.baton.aws.dynamodb.BatonTable;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.history.HistoryRecorder.Recorded;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.local.Dynalite;
import dev.baton.local.PipelineStories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Per-event cost: the six stories (success, failure, retry-then-success, superseded, stopped, approval rejected)
 * recorded in order, then every event delivered again (duplicates), then the stories delivered in reverse (late
 * events), on dynalite. Capacity as dynalite reports it for accepted writes (1 WCU per KB of the larger of old and new
 * item); a refused conditional write is counted as 1 WCU (DynamoDB charges refused conditional writes; dynalite does
 * not report it). Reads: none; the function never reads.
 */
public class HistoryCostBench {
  record Row(int events, int writes, double wcu, double gsiWcu) {}

  private static DynamoDbClient dynamo;
  private static String table;

  public static void main(String[] args) {
    try (Dynalite dynalite = Dynalite.start();
         DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.EU_WEST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
             .httpClient(UrlConnectionHttpClient.create()).build()) {
      dynamo = client;
      List<PipelineEvent> events = new ArrayList<>();
      PipelineStories.all(Instant.parse("2026-11-20T09:00:00.250Z")).values()
          .forEach(s -> s.forEach(e -> events.add(PipelineEvents.parse(Json.parseObject(e)))));
      for (Optional<Duration> retention : List.of(Optional.<Duration>empty(), Optional.of(Duration.ofDays(400)))) {
        BatonTable.create(dynamo, "cost" + retention.isPresent());
        HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(dynamo, "cost" + retention.isPresent()),
            HistoryMetrics.NONE, retention);
        System.out.println("== RetentionDays " + (retention.isEmpty() ? "0 (keep forever)" : "400 (TTL attribute set)")
            + ": " + events.size() + " events of 6 executions");
        table = "cost" + retention.isPresent();
        report("in order (the normal case)", events, recorder);
        report("each event delivered again (duplicates)", events, recorder);
        List<PipelineEvent> reversed = new ArrayList<>(events).reversed();
        BatonTable.create(dynamo, "late" + retention.isPresent());
        HistoryRecorder fresh = new HistoryRecorder(new DynamoHistoryStore(dynamo, "late" + retention.isPresent()),
            HistoryMetrics.NONE, retention);
        table = "late" + retention.isPresent();
        report("every execution's events in reverse order (late events)", reversed, fresh);
      }
    }
  }

  private static void report(String title, List<PipelineEvent> events, HistoryRecorder recorder) {
    Map<String, Row> rows = new TreeMap<>();
    int writes = 0;
    double wcu = 0;
    double gsi = 0;
    for (PipelineEvent e : events) {
      Map<String, AttributeValue> execBefore = item("EXEC#" + e.executionId(), e.pipeline());
      Map<String, AttributeValue> regBefore = item("PIPELINE", e.pipeline());
      Recorded r = recorder.record(e);
      double gsiWcu = gsiWcu(execBefore, item("EXEC#" + e.executionId(), e.pipeline()))
          + gsiWcu(regBefore, item("PIPELINE", e.pipeline()));
      gsi += gsiWcu;
      String key = r.event().level() + " " + r.event().state()
          + (r.event() instanceof ActionExecutionEvent a && a.isApproval() ? " (approval)" : "");
      Row old = rows.getOrDefault(key, new Row(0, 0, 0, 0));
      rows.put(key, new Row(old.events + 1, old.writes + r.writes(), old.wcu + r.capacityUnits(),
          old.gsiWcu + gsiWcu));
      writes += r.writes();
      wcu += r.capacityUnits();
    }
    System.out.println("-- " + title);
    System.out.printf("   %-34s %6s %12s %14s %14s%n", "event", "events", "writes/event", "table WCU/ev",
        "gsi1 WCU/ev");
    rows.forEach((k, v) -> System.out.printf("   %-34s %6d %12.2f %14.2f %14.2f%n", k, v.events,
        (double) v.writes / v.events, v.wcu / v.events, v.gsiWcu / v.events));
    System.out.printf("   %-34s %6d %12.2f %14.2f %14.2f%n   reads per event: 0 (UpdateItem only, no GetItem, no "
        + "Query)%n%n", "all", events.size(), (double) writes / events.size(), wcu / events.size(), gsi / events.size());
  }

  private static Map<String, AttributeValue> item(String sk, String pipeline) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("PIPELINE#" + pipeline), "sk", AttributeValue.fromS(sk)))).item();
    return item == null ? Map.of() : item;
  }

  /**
   * gsi1 projects ALL attributes, so a write that changes an item with gsi1 keys also writes the index: ceil(KB) of
   * the larger of the old and new item (an item that gains its gsi1 keys: the new one). Unchanged items cost nothing.
   */
  private static double gsiWcu(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    if (before.equals(after) || !after.containsKey("gsi1pk")) {
      return 0;
    }
    return Math.ceil(Math.max(size(before), size(after)) / 1024.0);
  }

  /** DynamoDB item size: attribute names plus values (UTF-8 bytes; numbers ~ digits / 2 + 1; sets summed). */
  private static int size(Map<String, AttributeValue> item) {
    int n = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      n += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + size(e.getValue());
    }
    return n;
  }

  private static int size(AttributeValue v) {
    if (v.s() != null) {
      return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (v.n() != null) {
      return v.n().length() / 2 + 1;
    }
    if (v.hasSs()) {
      return v.ss().stream().mapToInt(x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
    }
    if (v.hasL()) {
      return 3 + v.l().stream().mapToInt(x -> 1 + size(x)).sum();
    }
    if (v.hasM()) {
      return 3 + size(v.m()) + v.m().size();
    }
    return 1;
  }

}
