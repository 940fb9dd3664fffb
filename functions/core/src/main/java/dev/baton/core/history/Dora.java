package dev.baton.core.history;

import dev.baton.core.pipeline.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The four DORA metrics from recorded executions. An execution counts in the window [from, to) by the time it
 * reached its final state ({@code endTime}); executions still running, or without an end, count nowhere.
 * <ul>
 *   <li><b>Deployment</b>: an execution whose final state is SUCCEEDED. A retried execution that finally succeeded
 *       is one deployment.</li>
 *   <li><b>Deployment frequency</b>: deployments / days in the window.</li>
 *   <li><b>Lead time for changes</b>: per deployment, from the change to its end: the Git commit's author date when
 *       the execution was started by a commit; for an execution a promotion started, the change of the first
 *       pipeline of its chain (that commit, or that S3 upload, else that first execution's start); else the time the
 *       S3 upload was released (release-trigger), else the execution's start. Median and 90th percentile (nearest
 *       rank).</li>
 *   <li><b>Change failure rate</b>: executions that ended FAILED / (ended SUCCEEDED + ended FAILED). STOPPED,
 *       SUPERSEDED and CANCELED are neither.</li>
 *   <li><b>Time to restore</b>: per pipeline, a failure episode begins when an execution ends FAILED after the
 *       pipeline's previous finished execution succeeded (or there was none) and ends when a later execution of the
 *       pipeline ends SUCCEEDED (ordered by end time). Median over the episodes that began in the window and ended
 *       before its end; the others are counted as unrestored.</li>
 * </ul>
 */
public final class Dora {
  private Dora() {}

  /**
   * @param executions the executions of the pipelines in question (those that ended before the window help find
   *     where a failure episode began)
   * @param releasedAt for executions started by an S3 upload: when release-trigger released it, by execution id
   */
  public static DoraReport compute(Collection<ExecutionRecord> executions, Map<String, Instant> releasedAt,
                                   Instant from, Instant to) {
    return compute(executions, releasedAt, Map.of(), from, to);
  }

  /**
   * @param promoted for executions a promotion started: the change their chain delivers, by execution id
   */
  public static DoraReport compute(Collection<ExecutionRecord> executions, Map<String, Instant> releasedAt,
                                   Map<String, ChangeOrigin> promoted, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
    }
    Map<String, List<ExecutionRecord>> byPipeline = executions.stream()
        .collect(Collectors.groupingBy(ExecutionRecord::pipeline, TreeMap::new, Collectors.toList()));
    Map<String, DoraReport.Metrics> perPipeline = new TreeMap<>();
    byPipeline.forEach((p, list) -> perPipeline.put(p, metrics(list, releasedAt, promoted, from, to)));
    return new DoraReport(from, to, metrics(executions, releasedAt, promoted, from, to), perPipeline);
  }

  private static DoraReport.Metrics metrics(Collection<ExecutionRecord> executions, Map<String, Instant> releasedAt,
                                            Map<String, ChangeOrigin> promoted, Instant from, Instant to) {
    List<ExecutionRecord> ended = executions.stream().filter(e -> e.finished() && e.endTime().isPresent())
        .sorted(Comparator.comparing((ExecutionRecord e) -> e.endTime().get()).thenComparing(ExecutionRecord::executionId))
        .toList();
    List<ExecutionRecord> inWindow = ended.stream().filter(e -> within(e.endTime().get(), from, to)).toList();
    List<ExecutionRecord> deployments = inWindow.stream().filter(e -> is(e, ExecutionState.SUCCEEDED)).toList();
    int failures = (int) inWindow.stream().filter(e -> is(e, ExecutionState.FAILED)).count();
    int other = inWindow.size() - deployments.size() - failures;
    double days = Duration.between(from, to).toSeconds() / 86_400.0;
    Optional<Double> cfr = deployments.size() + failures == 0 ? Optional.empty()
        : Optional.of((double) failures / (deployments.size() + failures));

    List<Duration> restores = new ArrayList<>();
    int unrestored = 0;
    Map<String, List<ExecutionRecord>> byPipeline = ended.stream()
        .filter(e -> is(e, ExecutionState.SUCCEEDED) || is(e, ExecutionState.FAILED))
        .collect(Collectors.groupingBy(ExecutionRecord::pipeline, TreeMap::new, Collectors.toList()));
    for (List<ExecutionRecord> list : byPipeline.values()) {
      Instant failingSince = null;
      for (ExecutionRecord e : list) {
        Instant end = e.endTime().get();
        if (is(e, ExecutionState.FAILED) && failingSince == null) {
          failingSince = end;
        } else if (is(e, ExecutionState.SUCCEEDED) && failingSince != null) {
          if (within(failingSince, from, to)) {
            if (end.isBefore(to)) {
              restores.add(Duration.between(failingSince, end));
            } else {
              unrestored++;
            }
          }
          failingSince = null;
        }
      }
      if (failingSince != null && within(failingSince, from, to)) {
        unrestored++;
      }
    }
    return new DoraReport.Metrics(deployments.size(), failures, other, deployments.size() / days,
        leadTime(deployments, releasedAt, promoted), cfr, median(restores), restores.size(), unrestored);
  }

  private static Optional<DoraReport.LeadTime> leadTime(List<ExecutionRecord> deployments,
                                                        Map<String, Instant> releasedAt,
                                                        Map<String, ChangeOrigin> promoted) {
    List<Duration> samples = new ArrayList<>();
    int fromCommit = 0;
    int fromUpload = 0;
    int fromStart = 0;
    for (ExecutionRecord d : deployments) {
      Optional<Instant> commit = d.commit().flatMap(c -> c.authorDate());
      Optional<Instant> start;
      ChangeOrigin chain = promoted.get(d.executionId());
      if (commit.isPresent()) {
        start = commit;
        fromCommit++;
      } else if (chain != null) {
        start = Optional.of(chain.at());
        switch (chain.kind()) {
          case COMMIT -> fromCommit++;
          case UPLOAD -> fromUpload++;
          case START -> fromStart++;
        }
      } else if (releasedAt.containsKey(d.executionId())) {
        start = Optional.of(releasedAt.get(d.executionId()));
        fromUpload++;
      } else if (d.startTime().isPresent()) {
        start = d.startTime();
        fromStart++;
      } else {
        continue;
      }
      Duration lead = Duration.between(start.get(), d.endTime().get());
      samples.add(lead.isNegative() ? Duration.ZERO : lead);
    }
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = samples.stream().sorted().toList();
    Duration p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
    return Optional.of(new DoraReport.LeadTime(median(sorted).orElseThrow(), p90, sorted.size(), fromCommit,
        fromUpload, fromStart));
  }

  /** The middle value; for an even count, the mean of the two middle values. */
  static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  private static boolean is(ExecutionRecord e, ExecutionState s) {
    return e.status().orElse(null) == s;
  }
}
