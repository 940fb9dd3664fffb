package dev.baton.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.GitCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DORA metrics on fixtures worked out by hand (the arithmetic is in the comments). */
class DoraTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");

  /*
   * api, window 2026-11-01 .. 11-08 (7 days):
   *   e0  FAILED    10-30T08:00  (before the window: its episode, restored by e0b, does not count)
   *   e0b SUCCEEDED 10-30T12:00  (before the window)
   *   e1  SUCCEEDED 11-01T00:30  commit 10-31T22:00          lead 2h30m
   *   e2  FAILED    11-02T10:00  (episode starts)
   *   e3  FAILED    11-02T12:00  (same episode)
   *   e4  SUCCEEDED 11-02T15:00  released 11-02T14:00        lead 1h, restores the episode after 5h
   *   e5  SUPERSEDED 11-03T09:00 (neither)
   *   e6  SUCCEEDED 11-04T09:00  started 11-04T08:20         lead 40m
   *   e7  FAILED    11-07T20:00  (episode starts, never restored)
   *   e8  STARTED, running      (counts nowhere)
   *   => deployments 3, failures 3, CFR 3/6 = 50%, 3/7 per day, lead median 1h, p90 2h30m (rank ceil(2.7) = 3rd),
   *      restore median 5h (1 restored), 1 unrestored.
   * web, never failed:
   *   w1  SUCCEEDED 11-05T10:00  commit 11-05T09:30          lead 30m
   *   w2  SUCCEEDED 11-06T10:00  commit 11-06T08:30          lead 1h30m
   *   => deployments 2, CFR 0%, lead median (30m + 1h30m) / 2 = 1h, p90 1h30m (rank ceil(1.8) = 2nd), no restores.
   * overall: deployments 5, failures 3, CFR 3/8, lead samples 30m 40m 1h 1h30m 2h30m: median 1h, p90 2h30m.
   */
  private static final List<ExecutionRecord> EXECUTIONS = List.of(
      ended("api", "e0", ExecutionState.FAILED, "2026-10-30T08:00:00Z"),
      ended("api", "e0b", ExecutionState.SUCCEEDED, "2026-10-30T12:00:00Z"),
      withCommit(ended("api", "e1", ExecutionState.SUCCEEDED, "2026-11-01T00:30:00Z"), "2026-10-31T22:00:00Z"),
      ended("api", "e2", ExecutionState.FAILED, "2026-11-02T10:00:00Z"),
      ended("api", "e3", ExecutionState.FAILED, "2026-11-02T12:00:00Z"),
      ended("api", "e4", ExecutionState.SUCCEEDED, "2026-11-02T15:00:00Z"),
      ended("api", "e5", ExecutionState.SUPERSEDED, "2026-11-03T09:00:00Z"),
      started(ended("api", "e6", ExecutionState.SUCCEEDED, "2026-11-04T09:00:00Z"), "2026-11-04T08:20:00Z"),
      ended("api", "e7", ExecutionState.FAILED, "2026-11-07T20:00:00Z"),
      running("api", "e8"),
      withCommit(ended("web", "w1", ExecutionState.SUCCEEDED, "2026-11-05T10:00:00Z"), "2026-11-05T09:30:00Z"),
      withCommit(ended("web", "w2", ExecutionState.SUCCEEDED, "2026-11-06T10:00:00Z"), "2026-11-06T08:30:00Z"));
  private static final Map<String, Instant> RELEASED = Map.of("e4", Instant.parse("2026-11-02T14:00:00Z"));

  @Test
  void aPipelineWithFailuresRetriesAndAnUnrestoredFailure() {
    DoraReport.Metrics api = Dora.compute(EXECUTIONS, RELEASED, FROM, TO).pipelines().get("api");

    assertEquals(3, api.deployments());
    assertEquals(3, api.failures());
    assertEquals(1, api.otherEnded());
    assertEquals(3 / 7.0, api.deploymentsPerDay(), 1e-9);
    assertEquals(Optional.of(0.5), api.changeFailureRate());
    assertEquals(new DoraReport.LeadTime(Duration.ofHours(1), Duration.ofMinutes(150), 3, 1, 1, 1),
        api.leadTime().orElseThrow());
    assertEquals(Optional.of(Duration.ofHours(5)), api.timeToRestore());
    assertEquals(1, api.restored());
    assertEquals(1, api.unrestored());
  }

  @Test
  void aPipelineThatNeverFailed() {
    DoraReport.Metrics web = Dora.compute(EXECUTIONS, RELEASED, FROM, TO).pipelines().get("web");

    assertEquals(2, web.deployments());
    assertEquals(0, web.failures());
    assertEquals(Optional.of(0.0), web.changeFailureRate());
    assertEquals(new DoraReport.LeadTime(Duration.ofHours(1), Duration.ofMinutes(90), 2, 2, 0, 0),
        web.leadTime().orElseThrow());
    assertEquals(Optional.empty(), web.timeToRestore());
    assertEquals(0, web.restored());
    assertEquals(0, web.unrestored());
  }

  @Test
  void allPipelinesTogether() {
    DoraReport report = Dora.compute(EXECUTIONS, RELEASED, FROM, TO);

    assertEquals(7.0, report.days(), 1e-9);
    assertEquals(5, report.overall().deployments());
    assertEquals(3, report.overall().failures());
    assertEquals(Optional.of(3 / 8.0), report.overall().changeFailureRate());
    assertEquals(new DoraReport.LeadTime(Duration.ofHours(1), Duration.ofMinutes(150), 5, 3, 1, 1),
        report.overall().leadTime().orElseThrow());
    assertEquals(Optional.of(Duration.ofHours(5)), report.overall().timeToRestore());
    assertEquals(1, report.overall().unrestored());
  }

  @Test
  void anEmptyWindow() {
    DoraReport report = Dora.compute(EXECUTIONS, RELEASED, Instant.parse("2026-12-01T00:00:00Z"),
        Instant.parse("2026-12-02T00:00:00Z"));

    DoraReport.Metrics m = report.overall();
    assertEquals(0, m.deployments());
    assertEquals(0, m.failures());
    assertEquals(0.0, m.deploymentsPerDay());
    assertEquals(Optional.empty(), m.leadTime());
    assertEquals(Optional.empty(), m.changeFailureRate());
    assertEquals(Optional.empty(), m.timeToRestore());
    assertEquals(0, m.unrestored());
    assertEquals(Optional.empty(), Dora.compute(List.of(), Map.of(), FROM, TO).overall().changeFailureRate());
  }

  @Test
  void aFailureRestoredOnlyAfterTheWindowIsUnrestored() {
    List<ExecutionRecord> list = List.of(ended("api", "f", ExecutionState.FAILED, "2026-11-07T23:00:00Z"),
        ended("api", "s", ExecutionState.SUCCEEDED, "2026-11-08T01:00:00Z"));

    DoraReport.Metrics m = Dora.compute(list, Map.of(), FROM, TO).overall();

    assertEquals(0, m.restored());
    assertEquals(1, m.unrestored());
    assertEquals(Optional.of(1.0), m.changeFailureRate());
  }

  @Test
  void theWindowMustHaveALength() {
    assertThrows(IllegalArgumentException.class, () -> Dora.compute(EXECUTIONS, RELEASED, TO, TO));
  }

  static ExecutionRecord ended(String pipeline, String id, ExecutionState status, String end) {
    Instant e = Instant.parse(end);
    return new ExecutionRecord(pipeline, id, Optional.of(status), 1, Optional.of(e.minus(Duration.ofMinutes(45))),
        Optional.of(e), Optional.of(e), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
  }

  static ExecutionRecord running(String pipeline, String id) {
    Instant s = Instant.parse("2026-11-07T23:50:00Z");
    return new ExecutionRecord(pipeline, id, Optional.of(ExecutionState.STARTED), 1, Optional.of(s),
        Optional.empty(), Optional.of(s), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
  }

  static ExecutionRecord withCommit(ExecutionRecord e, String authored) {
    GitCommit c = new GitCommit("abc", Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Instant.parse(authored)), Optional.of("main"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    return new ExecutionRecord(e.pipeline(), e.executionId(), e.status(), e.attempt(), e.startTime(), e.endTime(),
        e.lastChangeAt(), Optional.of("WebhookV2"), Optional.empty(), Optional.of(c), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
  }

  static ExecutionRecord started(ExecutionRecord e, String start) {
    return new ExecutionRecord(e.pipeline(), e.executionId(), e.status(), e.attempt(),
        Optional.of(Instant.parse(start)), e.endTime(), e.lastChangeAt(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }
}
