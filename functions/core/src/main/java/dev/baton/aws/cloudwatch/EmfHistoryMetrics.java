package dev.baton.aws.cloudwatch;

import dev.baton.core.history.ExecutionRecord;
import dev.baton.core.history.HistoryMetrics;
import dev.baton.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Execution metrics as CloudWatch Embedded Metric Format lines on stdout: Lambda ships them to CloudWatch Logs and
 * CloudWatch turns them into metrics, with no PutMetricData call on the hot path. Namespace {@code Baton} by default,
 * dimension {@code Pipeline}:
 * <ul>
 *   <li>{@code ExecutionSucceeded} / {@code ExecutionFailed} / {@code ExecutionStopped} /
 *       {@code ExecutionSuperseded} / {@code ExecutionCanceled} (Count, 1 per execution attempt that ended so);</li>
 *   <li>{@code ExecutionDuration} (Milliseconds, start to end);</li>
 *   <li>{@code LeadTime} (Milliseconds, Git commit author date to the end of a SUCCEEDED execution; only when the
 *       execution was started by a commit).</li>
 * </ul>
 */
public final class EmfHistoryMetrics implements HistoryMetrics {
  private final PrintStream out;
  private final String namespace;
  private final Clock clock;

  public EmfHistoryMetrics(PrintStream out, String namespace, Clock clock) {
    this.out = out;
    this.namespace = namespace;
    this.clock = clock;
  }

  @Override
  public void executionFinished(ExecutionRecord e) {
    String status = e.status().orElseThrow().name();
    String countMetric = "Execution" + status.charAt(0) + status.substring(1).toLowerCase(java.util.Locale.ROOT);
    List<Map<String, Object>> metrics = new ArrayList<>();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("Pipeline", e.pipeline());
    metrics.add(metric(countMetric, "Count"));
    line.put(countMetric, 1);
    e.duration().ifPresent(d -> {
      metrics.add(metric("ExecutionDuration", "Milliseconds"));
      line.put("ExecutionDuration", d.toMillis());
    });
    if (status.equals("SUCCEEDED")) {
      e.commit().flatMap(c -> c.authorDate()).flatMap(c -> e.endTime().map(end -> Duration.between(c, end)))
          .filter(d -> !d.isNegative()).ifPresent(d -> {
            metrics.add(metric("LeadTime", "Milliseconds"));
            line.put("LeadTime", d.toMillis());
          });
    }
    line.put("executionId", e.executionId());
    line.put("status", status);
    line.put("attempt", e.attempt());
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", namespace);
    directive.put("Dimensions", List.of(List.of("Pipeline")));
    directive.put("Metrics", metrics);
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", clock.millis());
    aws.put("CloudWatchMetrics", List.of(directive));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("_aws", aws);
    document.putAll(line);
    out.println(Json.write(document));
  }

  private static Map<String, Object> metric(String name, String unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Unit", unit);
    return m;
  }
}
