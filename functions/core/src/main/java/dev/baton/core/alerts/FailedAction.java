package dev.baton.core.alerts;

import dev.baton.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One action that failed, with what its provider said: the summary ({@code external-execution-summary}, or the
 * error message CodePipeline recorded), the error code ({@code JobFailed}, ...), and the link to the run itself (the
 * CodeBuild build, the CodeDeploy deployment).
 */
public record FailedAction(String stage, String action, Optional<String> provider, Optional<String> category,
                           Optional<String> summary, Optional<String> errorCode, Optional<String> externalUrl,
                           Optional<String> externalId) {
  public FailedAction {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    provider = clean(provider);
    category = clean(category);
    summary = clean(summary);
    errorCode = clean(errorCode);
    externalUrl = clean(externalUrl).filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    externalId = clean(externalId);
  }

  /** {@code Stage/Action}: how alerts name it, and its identity within an execution. */
  public String path() {
    return stage + "/" + action;
  }

  public boolean isApproval() {
    return category.filter("Approval"::equals).isPresent();
  }

  /** True when CodePipeline told nothing about the error (no summary and no code): worth a look-up. */
  public boolean lacksError() {
    return summary.isEmpty() && errorCode.isEmpty();
  }

  /** This action with the error details of {@code other} filled in where this one has none. */
  public FailedAction completedBy(FailedAction other) {
    return new FailedAction(stage, action, provider.or(other::provider), category.or(other::category),
        summary.or(other::summary), errorCode.or(other::errorCode), externalUrl.or(other::externalUrl),
        externalId.or(other::externalId));
  }

  /** The error as one line: {@code JobFailed: Build terminated ...}, or what there is of it. */
  public Optional<String> error() {
    if (summary.isPresent() && errorCode.isPresent()) {
      return Optional.of(errorCode.get() + ": " + summary.get());
    }
    return summary.or(() -> errorCode);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", stage);
    m.put("action", action);
    provider.ifPresent(v -> m.put("provider", v));
    category.ifPresent(v -> m.put("category", v));
    summary.ifPresent(v -> m.put("summary", v));
    errorCode.ifPresent(v -> m.put("errorCode", v));
    externalUrl.ifPresent(v -> m.put("externalUrl", v));
    externalId.ifPresent(v -> m.put("externalId", v));
    return m;
  }

  public static FailedAction fromMap(JsonObject m) {
    return new FailedAction(m.string("stage"), m.string("action"), m.optString("provider"), m.optString("category"),
        m.optString("summary"), m.optString("errorCode"), m.optString("externalUrl"), m.optString("externalId"));
  }

  private static Optional<String> clean(Optional<String> v) {
    return v == null ? Optional.empty() : v.map(String::strip).filter(s -> !s.isEmpty());
  }
}
