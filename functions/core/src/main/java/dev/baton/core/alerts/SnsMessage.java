package dev.baton.core.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as an SNS message: a subject under 100 characters (email subscribers see it), a plain-text body that
 * reads well in an email or an SMS, and the message attributes {@code pipeline}, {@code state} and {@code severity}
 * that subscription filter policies can select on.
 */
public record SnsMessage(String subject, String body, Map<String, String> attributes) {
  public SnsMessage {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static SnsMessage of(Alert a) {
    return new SnsMessage(AlertText.subject(a), body(a), attributes(a));
  }

  /** {@code pipeline}, {@code state} (FAILED, REJECTED, STOPPED, SUCCEEDED, RECOVERED) and {@code severity}. */
  static Map<String, String> attributes(Alert a) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pipeline", a.pipeline());
    m.put("state", a.kind().tag());
    m.put("severity", a.severity().value());
    return m;
  }

  static String body(Alert a) {
    List<String> lines = new ArrayList<>();
    lines.add(AlertText.headline(a) + ".");
    lines.add("");
    for (FailedAction f : a.failedActions()) {
      if (a.failedActions().size() > 1) {
        lines.add("Failed:      " + f.path() + f.provider().map(p -> " (" + p + ")").orElse(""));
      }
      f.error().ifPresent(e -> lines.add("Error:       " + e));
      f.externalUrl().ifPresent(u -> lines.add(pad(AlertText.externalLabel(f) + ":") + u));
    }
    a.summary().ifPresent(s -> lines.add("Summary:     " + s));
    lines.add("Execution:   " + a.executionId() + " (attempt " + a.attempt() + "), pipeline state "
        + AlertText.state(a.state()));
    lines.add("Console:     " + a.consoleUrl());
    a.provenance().ifPresent(p -> lines.add("Source:      " + p.describe()));
    a.trigger().ifPresent(t -> lines.add("Trigger:     " + t.describe()));
    a.startTime().ifPresent(s -> lines.add("Started:     " + s + a.duration().map(d -> ", "
        + AlertText.duration(d) + " before this alert").orElse("")));
    lines.add("Account:     " + a.account() + ", region " + a.region());
    lines.add("");
    lines.add("-- Baton: one alert per failed execution and attempt; severity " + a.severity().value() + ".");
    return String.join("\n", lines);
  }

  private static String pad(String label) {
    return label.length() >= 13 ? label + " " : label + " ".repeat(13 - label.length());
  }
}
