package dev.baton.core.history;

import static dev.baton.core.history.DoraTest.ended;
import static dev.baton.core.history.DoraTest.started;
import static dev.baton.core.history.DoraTest.withCommit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lead time across a two-pipeline promotion chain, on fixtures worked out by hand (the arithmetic is below). */
class DoraPromotionTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");

  /*
   * payments-deploy -> payments-staging (config/promotions.json), window 2026-11-01 .. 11-08:
   *   d1 deploy  SUCCEEDED 11-02T10:00, released (S3 upload) 11-02T09:00          lead 1h
   *   s1 staging SUCCEEDED 11-02T13:00, started 12:15, promoted from d1:
   *      the chain's change is d1's upload, 11-02T09:00                           lead 4h (not 45m from its start)
   *   d2 deploy  SUCCEEDED 11-03T10:00, Git commit authored 11-03T08:00           lead 2h
   *   s2 staging SUCCEEDED 11-03T16:00, started 15:15, promoted from d2:
   *      the chain's change is d2's commit, 11-03T08:00                           lead 8h
   *   s3 staging FAILED    11-04T12:00, promoted from a third deploy              no lead time (not a deployment)
   * staging: samples 4h, 8h: median 6h, p90 8h (rank ceil(1.8) = 2nd); 1 from a commit, 1 from an upload.
   * overall: samples 1h, 2h, 4h, 8h: median (2h + 4h) / 2 = 3h, p90 8h (rank ceil(3.6) = 4th); 2 commits, 2 uploads.
   */
  private static final List<ExecutionRecord> EXECUTIONS = List.of(
      ended("payments-deploy", "d1", ExecutionState.SUCCEEDED, "2026-11-02T10:00:00Z"),
      started(ended("payments-staging", "s1", ExecutionState.SUCCEEDED, "2026-11-02T13:00:00Z"),
          "2026-11-02T12:15:00Z"),
      withCommit(ended("payments-deploy", "d2", ExecutionState.SUCCEEDED, "2026-11-03T10:00:00Z"),
          "2026-11-03T08:00:00Z"),
      started(ended("payments-staging", "s2", ExecutionState.SUCCEEDED, "2026-11-03T16:00:00Z"),
          "2026-11-03T15:15:00Z"),
      ended("payments-staging", "s3", ExecutionState.FAILED, "2026-11-04T12:00:00Z"));
  private static final Map<String, Instant> RELEASED = Map.of("d1", Instant.parse("2026-11-02T09:00:00Z"));
  private static final Map<String, ChangeOrigin> PROMOTED = Map.of(
      "s1", new ChangeOrigin(ChangeOrigin.Kind.UPLOAD, Instant.parse("2026-11-02T09:00:00Z"),
          "s3://acme-releases/releases/payments/1.4.2/payments-1.4.2.zip"),
      "s2", new ChangeOrigin(ChangeOrigin.Kind.COMMIT, Instant.parse("2026-11-03T08:00:00Z"), "0f1e2d3c"),
      "s3", new ChangeOrigin(ChangeOrigin.Kind.COMMIT, Instant.parse("2026-11-04T08:00:00Z"), "9a8b7c6d"));

  @Test
  void givenATwoPipelineChain_thenTheTargetsLeadTimeStartsAtTheChangeThatStartedTheFirstPipeline() {
    DoraReport report = Dora.compute(EXECUTIONS, RELEASED, PROMOTED, FROM, TO);

    assertEquals(new DoraReport.LeadTime(Duration.ofHours(6), Duration.ofHours(8), 2, 1, 1, 0),
        report.pipelines().get("payments-staging").leadTime().orElseThrow());
    assertEquals(new DoraReport.LeadTime(Duration.ofHours(1).plusMinutes(30), Duration.ofHours(2), 2, 1, 1, 0),
        report.pipelines().get("payments-deploy").leadTime().orElseThrow());
    assertEquals(new DoraReport.LeadTime(Duration.ofHours(3), Duration.ofHours(8), 4, 2, 2, 0),
        report.overall().leadTime().orElseThrow());
  }

  @Test
  void givenTheSameExecutionsWithoutTheirPromotions_thenStagingCountsFromItsOwnStarts() {
    DoraReport report = Dora.compute(EXECUTIONS, RELEASED, FROM, TO);

    assertEquals(new DoraReport.LeadTime(Duration.ofMinutes(45), Duration.ofMinutes(45), 2, 0, 0, 2),
        report.pipelines().get("payments-staging").leadTime().orElseThrow());
  }
}
