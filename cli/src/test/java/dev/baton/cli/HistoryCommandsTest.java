package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.dynamodb.BatonTable;
import dev.baton.aws.dynamodb.DynamoHistoryStore;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.history.HistoryRecorder;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.pipeline.EventLevel;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.local.Dynalite;
import dev.baton.local.PipelineStories;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * `./baton history` and `./baton dora` against a table on dynalite holding the six stories of payments-deploy, and a
 * table holding one execution of which only the stage and action events arrived.
 */
class HistoryCommandsTest {
  private static final Instant BASE = Instant.parse("2026-11-20T09:00:00.250Z");
  private static final String PARTIAL_EXEC = "3c9d1e7a-5b2f-4a80-9e64-d1f0a2b3c4e5";
  private static Dynalite dynalite;
  private static String endpoint;

  @BeforeAll
  static void recordTheStories() {
    dynalite = Dynalite.start();
    endpoint = dynalite.endpoint().toString();
    try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynalite.endpoint())
        .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
      BatonTable.create(client, "baton");
      HistoryRecorder recorder = new HistoryRecorder(new DynamoHistoryStore(client, "baton"), HistoryMetrics.NONE,
          Optional.empty());
      PipelineStories.all(BASE).values().forEach(events -> events.forEach(e ->
          recorder.record(PipelineEvents.parse(Json.parseObject(e)))));
      BatonTable.create(client, "partial");
      HistoryRecorder partial = new HistoryRecorder(new DynamoHistoryStore(client, "partial"), HistoryMetrics.NONE,
          Optional.empty());
      PipelineStories.failure(PARTIAL_EXEC, BASE).stream().map(e -> PipelineEvents.parse(Json.parseObject(e)))
          .filter(e -> e.level() != EventLevel.PIPELINE).forEach(partial::record);
    }
  }

  @AfterAll
  static void stop() {
    dynalite.close();
  }

  private static CliRun baton(String... args) {
    return CliRun.of(new Baton(), args);
  }

  @Test
  void historyListsThePipelinesExecutionsNewestFirstWithWhatFailed() {
    CliRun r = baton("history", "--table", "baton", "--endpoint-url", endpoint, "--pipeline", "payments-deploy");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(7, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("STARTED (UTC)        EXECUTION"), lines.get(0));
    assertTrue(lines.get(1).startsWith("2026-11-20 14:00:00  5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073  FAILED"),
        lines.get(1));
    assertTrue(lines.get(1).endsWith("Approve/ProductionGate: rejected (error rate on the canary is 4%)"),
        lines.get(1));
    assertTrue(lines.get(4).contains("SUCCEEDED (attempt 2)  41m 4s    commit 1b2e4f6 on main by John Doe"),
        lines.get(4));
    assertTrue(lines.get(5).contains("Build/Build: JobFailed Build terminated"), lines.get(5));
  }

  @Test
  void historyJsonIsForScripts() {
    CliRun r = baton("history", "--json", "--limit", "2", "--table", "baton", "--endpoint-url", endpoint);

    assertEquals(0, r.exit(), r.err());
    List<JsonObject> executions = Json.parseObject(r.out()).objects("executions");
    assertEquals(2, executions.size());
    assertEquals("5e9a0c18-2f7d-4b36-a1e8-c4d2b6f9e073", executions.get(0).string("executionId"));
    assertEquals("FAILED", executions.get(0).string("status"));
    assertEquals("Approval", executions.get(0).object("failure").string("category"));
    assertEquals(Optional.of(991L), executions.get(0).optLong("durationSeconds"), "13:00:00.250 to 13:16:32");
  }

  @Test
  void showGivesStagesActionsErrorsAndLinks() {
    CliRun r = baton("history", "show", "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", "--table", "baton", "--endpoint-url",
        endpoint);

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Execution 8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806 of payments-deploy\n"
        + "  status        FAILED\n"), r.out());
    assertTrue(r.out().contains("  commit        9fceb02d0ae598e95dc970b74767f19372d61af8 \"Retry card authorisation on "
        + "gateway timeouts\" by Mary Major on main (acme/payments), authored 2026-11-20 09:46:00 UTC\n"), r.out());
    assertTrue(r.out().contains("  failure       Build / Build (CodeBuild, attempt 1, 2026-11-20 10:04:24 UTC): "
        + "JobFailed\n"), r.out());
    assertTrue(r.out().contains("  Build   FAILED     1        10:00:10  4m 15s    STARTED 10:00:10 → FAILED "
        + "10:04:25\n"), r.out());
    assertTrue(r.out().contains("  Build / Build    1        CodeBuild  FAILED     10:00:11  4m 13s    JobFailed: "
        + "Build terminated with state: FAILED."), r.out());
    assertTrue(r.out().contains("  Build / Build #1: https://console.aws.amazon.com/codebuild/"), r.out());
  }

  @Test
  void showOfAnUnknownExecutionSaysSo() {
    CliRun r = baton("history", "show", "nope", "--table", "baton", "--endpoint-url", endpoint);

    assertEquals(1, r.exit());
    assertEquals("No execution nope recorded.\n", r.err());
  }

  @Test
  void givenOnlyStageAndActionEvents_thenHistoryListsTheExecutionMarkedPartial() {
    CliRun r = baton("history", "--table", "partial", "--endpoint-url", endpoint);

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(1).startsWith("payments-deploy  2026-11-20 09:00:00  " + PARTIAL_EXEC + "  UNKNOWN*  -"),
        r.out());
    assertTrue(lines.get(1).endsWith("  -        Build/Build: JobFailed Build terminated with state: FAILED. Phase: "
        + "BUIL…"), r.out());
    assertEquals("UNKNOWN* partial: known from stage and action events only; pipeline events not seen yet (late, or "
        + "in the history dead-letter queue)", lines.getLast());

    JsonObject json = Json.parseObject(baton("history", "--json", "--table", "partial", "--endpoint-url", endpoint)
        .out()).objects("executions").getFirst();
    assertEquals(Optional.of(true), json.optBoolean("partial"));
    assertTrue(json.optString("status").isEmpty());
  }

  @Test
  void givenOnlyStageAndActionEvents_thenShowGivesWhatTheySaidMarkedPartial() {
    CliRun r = baton("history", "show", PARTIAL_EXEC, "--table", "partial", "--endpoint-url", endpoint);

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Execution " + PARTIAL_EXEC + " of payments-deploy\n"
        + "  status        UNKNOWN (partial): pipeline events not seen yet (late, or in the history dead-letter "
        + "queue); below is what its stage and action events said\n"
        + "  started       2026-11-20 09:00:00 UTC\n"
        + "  failure       Build / Build (CodeBuild, attempt 1, "), r.out());
    assertTrue(r.out().contains("\nStages\n"), r.out());
    assertTrue(r.out().contains("  Build   FAILED"), r.out());
    CliRun json = baton("history", "show", PARTIAL_EXEC, "--json", "--table", "partial", "--endpoint-url", endpoint);
    assertEquals(Optional.of(true), Json.parseObject(json.out()).optBoolean("partial"));
    assertEquals(Optional.of(false), Json.parseObject(baton("history", "show", "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806",
        "--json", "--table", "baton", "--endpoint-url", endpoint).out()).optBoolean("partial"));
  }

  @Test
  void doraOverTheStories() {
    CliRun r = baton("dora", "--since", "2026-11-20", "--until", "2026-11-21", "--json", "--table", "baton",
        "--endpoint-url", endpoint);

    assertEquals(0, r.exit(), r.err());
    JsonObject all = Json.parseObject(r.out()).object("overall");
    assertEquals(Optional.of(2L), all.optLong("deployments"));
    assertEquals(Optional.of(2L), all.optLong("failures"));
    assertEquals(Optional.of(2L), all.optLong("otherEnded"));
    assertEquals(0.5, ((Number) all.asMap().get("changeFailureRate")).doubleValue());
    assertEquals(Optional.of(1L), all.optLong("restored"));
    assertEquals(Optional.of(1L), all.optLong("unrestored"), "the rejected approval is the last word");
    // restored: the failed build's execution ended 10:04:27, the retried one succeeded 11:41:05: 1h 36m 38s
    assertEquals(Optional.of(5798L), all.optLong("timeToRestoreMedianSeconds"));
  }

  @Test
  void doraAsATable() {
    CliRun r = baton("dora", "--since", "2026-11-20", "--until", "2026-11-21", "--pipeline", "payments-deploy",
        "--table", "baton", "--endpoint-url", endpoint);

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("DORA metrics, 2026-11-20 00:00:00 → 2026-11-21 00:00:00 UTC (1 day), pipeline "
        + "payments-deploy\n"), r.out());
    assertTrue(r.out().contains("  change failure rate          50% (2 failed of 4)"), r.out());
  }

  @Test
  void withoutATableTheReaderSaysWhatItNeeds() {
    CliRun r = baton("history", "--endpoint-url", endpoint);

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("which table? pass --table (the stack's TableName output) or set BATON_TABLE"),
        r.err());
  }
}
