package dev.baton.core.alerts;

import dev.baton.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the execution was started: CodePipeline's trigger type ({@code StartPipelineExecution}, {@code WebhookV2},
 * {@code CloudWatchEvent}, ...) and its detail (the caller's ARN, the connection, the rule).
 */
public record Trigger(String type, Optional<String> detail) {
  public Trigger {
    Objects.requireNonNull(type, "type");
    detail = detail.map(String::strip).filter(s -> !s.isEmpty());
  }

  public String describe() {
    return type + detail.map(d -> " (" + d + ")").orElse("");
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    detail.ifPresent(d -> m.put("detail", d));
    return m;
  }

  static Trigger fromMap(JsonObject m) {
    return new Trigger(m.string("type"), m.optString("detail"));
  }
}
