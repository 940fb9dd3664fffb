package dev.baton.core.alerts;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one alert tells, gathered once and stored with it, so that a retry sends the same content: what
 * happened ({@link #kind}), to which execution and attempt, the failed stage and actions with their errors, what
 * the execution built ({@link #provenance}) and how it was started ({@link #trigger}), and when.
 *
 * @param state the pipeline execution's state when the alert was made ({@code FAILED}, {@code STOPPED},
 *     {@code SUCCEEDED}); empty while it still runs (an action failed, the pipeline has not ended yet)
 * @param summary CodePipeline's status summary or the stop comment, when there is one
 * @param recoveredFrom for {@link AlertKind#RECOVERED}: the execution (and attempt) that failed before
 */
public record Alert(AlertKind kind, String pipeline, String executionId, int attempt, String account, String region,
                    Optional<String> state, Optional<String> stage, List<FailedAction> failedActions,
                    Optional<Provenance> provenance, Optional<Trigger> trigger, Optional<Instant> startTime,
                    Instant time, Optional<String> summary, Optional<String> recoveredFrom) {
  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(time, "time");
    List<FailedAction> actions = List.copyOf(failedActions);
    failedActions = actions;
    stage = stage.or(() -> actions.stream().findFirst().map(FailedAction::stage));
  }

  public Severity severity() {
    return kind.severity();
  }

  /** The execution in the CodePipeline console. */
  public String consoleUrl() {
    return consoleUrl(region, pipeline, executionId);
  }

  public static String consoleUrl(String region, String pipeline, String executionId) {
    return "https://" + region + ".console.aws.amazon.com/codesuite/codepipeline/pipelines/"
        + URLEncoder.encode(pipeline, StandardCharsets.UTF_8) + "/executions/"
        + URLEncoder.encode(executionId, StandardCharsets.UTF_8) + "/timeline?region=" + region;
  }

  /** From the execution's start to this alert's event, when the start is known. */
  public Optional<Duration> duration() {
    return startTime.map(s -> Duration.between(s, time)).filter(d -> !d.isNegative());
  }

  /** The first failed action, the one the alert is about. */
  public Optional<FailedAction> firstAction() {
    return failedActions.stream().findFirst();
  }

  /** True when the given action is one this alert already reports. */
  public boolean covers(String stageName, String actionName) {
    return failedActions.stream().anyMatch(a -> a.stage().equals(stageName) && a.action().equals(actionName));
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name());
    m.put("pipeline", pipeline);
    m.put("executionId", executionId);
    m.put("attempt", attempt);
    m.put("account", account);
    m.put("region", region);
    state.ifPresent(v -> m.put("state", v));
    stage.ifPresent(v -> m.put("stage", v));
    m.put("failedActions", failedActions.stream().map(FailedAction::toMap).toList());
    provenance.ifPresent(p -> m.put("provenance", p.toMap()));
    trigger.ifPresent(t -> m.put("trigger", t.toMap()));
    startTime.ifPresent(v -> m.put("startTime", v.toString()));
    m.put("time", time.toString());
    summary.ifPresent(v -> m.put("summary", v));
    recoveredFrom.ifPresent(v -> m.put("recoveredFrom", v));
    return Json.write(m);
  }

  public static Alert fromJson(String json) {
    JsonObject m = Json.parseObject(json);
    return new Alert(AlertKind.valueOf(m.string("kind")), m.string("pipeline"), m.string("executionId"),
        m.optLong("attempt").orElse(1L).intValue(), m.string("account"), m.string("region"), m.optString("state"),
        m.optString("stage"), m.objects("failedActions").stream().map(FailedAction::fromMap).toList(),
        m.optObject("provenance").map(Provenance::fromMap), m.optObject("trigger").map(Trigger::fromMap),
        m.optString("startTime").map(Instant::parse), Instant.parse(m.string("time")), m.optString("summary"),
        m.optString("recoveredFrom"));
  }

  /** This alert as it reads once the execution reached {@code finalState}. */
  public Alert withState(Optional<String> finalState) {
    return finalState.isEmpty() || finalState.equals(state) ? this : new Alert(kind, pipeline, executionId, attempt,
        account, region, finalState, stage, failedActions, provenance, trigger, startTime, time, summary,
        recoveredFrom);
  }
}
