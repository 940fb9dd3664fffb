package dev.baton.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EMF document CloudWatch reads: exact, because CloudWatch ignores what it cannot parse, silently. */
class EmfHistoryMetricsTest {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final EmfHistoryMetrics metrics = new EmfHistoryMetrics(new PrintStream(buffer, true, StandardCharsets.UTF_8),
      "Baton", Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void aSucceededExecutionStartedByACommitGivesCountDurationAndLeadTime() {
    GitCommit commit = new GitCommit("9fceb02", Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Instant.parse("2026-11-20T09:00:00Z")), Optional.of("main"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    metrics.executionFinished(new ExecutionRecord("payments-deploy", "exec-1", Optional.of(ExecutionState.SUCCEEDED),
        1, Optional.of(Instant.parse("2026-11-20T09:14:00Z")), Optional.of(Instant.parse("2026-11-20T09:31:30Z")),
        Optional.empty(), Optional.of("WebhookV2"), Optional.empty(), Optional.of(commit), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of()));

    assertEquals("{\"_aws\":{\"Timestamp\":1795168800000,\"CloudWatchMetrics\":[{\"Namespace\":\"Baton\","
        + "\"Dimensions\":[[\"Pipeline\"]],\"Metrics\":[{\"Name\":\"ExecutionSucceeded\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"ExecutionDuration\",\"Unit\":\"Milliseconds\"},{\"Name\":\"LeadTime\",\"Unit\":\"Milliseconds\"}]}]},"
        + "\"Pipeline\":\"payments-deploy\",\"ExecutionSucceeded\":1,\"ExecutionDuration\":1050000,\"LeadTime\":1890000,"
        + "\"executionId\":\"exec-1\",\"status\":\"SUCCEEDED\",\"attempt\":1}\n", buffer.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFailedExecutionHasNoLeadTime() {
    metrics.executionFinished(new ExecutionRecord("payments-deploy", "exec-2", Optional.of(ExecutionState.FAILED), 2,
        Optional.of(Instant.parse("2026-11-20T09:14:00Z")), Optional.of(Instant.parse("2026-11-20T09:20:00Z")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of()));

    JsonObject line = Json.parseObject(buffer.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("ExecutionFailed", "ExecutionDuration"), line.object("_aws").objects("CloudWatchMetrics")
        .getFirst().objects("Metrics").stream().map(m -> m.string("Name")).toList());
    assertEquals(Optional.of(360000L), line.optLong("ExecutionDuration"));
    assertEquals(Optional.of(2L), line.optLong("attempt"));
  }
}
