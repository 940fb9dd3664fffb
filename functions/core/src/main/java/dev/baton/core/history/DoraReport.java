package dev.baton.core.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * DORA metrics over a window, for all the pipelines asked about together ({@code overall}) and for each one. The
 * definitions are {@link Dora}'s (and the README's).
 */
public record DoraReport(Instant from, Instant to, Metrics overall, Map<String, Metrics> pipelines) {
  public DoraReport {
    pipelines = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(pipelines));
  }

  public double days() {
    return Duration.between(from, to).toSeconds() / 86_400.0;
  }

  /**
   * @param deployments executions that ended SUCCEEDED in the window
   * @param failures executions that ended FAILED in the window
   * @param otherEnded executions that ended STOPPED, SUPERSEDED or CANCELED in the window (neither)
   * @param deploymentsPerDay deployments divided by the window's length in days
   * @param leadTime lead time for changes of the deployments, when there were any
   * @param changeFailureRate failures / (deployments + failures), when either happened
   * @param timeToRestore median time from a failure to the next deployment, over the restored failures
   * @param restored failure episodes that began in the window and were restored before its end
   * @param unrestored failure episodes that began in the window and were still failing at its end
   */
  public record Metrics(int deployments, int failures, int otherEnded, double deploymentsPerDay,
                        Optional<LeadTime> leadTime, Optional<Double> changeFailureRate,
                        Optional<Duration> timeToRestore, int restored, int unrestored) {}

  /**
   * @param fromCommit samples that started at the Git commit's author date
   * @param fromUpload samples that started when the S3 upload was released (no commit known)
   * @param fromStart samples that started at the pipeline execution's start (neither known)
   */
  public record LeadTime(Duration median, Duration p90, int samples, int fromCommit, int fromUpload, int fromStart) {}
}
