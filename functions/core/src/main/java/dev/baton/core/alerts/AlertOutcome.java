package dev.baton.core.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What handling one event did: a line per delivery (notice, target, status), or why the event sends nothing. The
 * function returns it, and the local demo prints it.
 */
public record AlertOutcome(String event, String decision, List<Line> deliveries) {
  /** One delivery: the notice, the target, and what happened ({@code SENT}, {@code ALREADY_SENT}, ...). */
  public record Line(String notice, String kind, String target, String result, String detail) {}

  public AlertOutcome {
    deliveries = List.copyOf(deliveries);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("decision", decision);
    m.put("deliveries", deliveries.stream().map(l -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("notice", l.notice());
      d.put("kind", l.kind());
      d.put("target", l.target());
      d.put("result", l.result());
      if (!l.detail().isEmpty()) {
        d.put("detail", l.detail());
      }
      return d;
    }).toList());
    return m;
  }
}
