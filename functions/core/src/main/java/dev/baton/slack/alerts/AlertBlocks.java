package dev.baton.slack.alerts;

import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.AlertText;
import dev.baton.core.alerts.ExecutionStatus;
import dev.baton.core.alerts.FailedAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts as Slack Block Kit messages, built as plain maps: a headline with the pipeline linked to the execution,
 * fields (execution and attempt, state, source, trigger, duration), the error of each failed action, link buttons
 * (the execution in the console, CodeBuild logs, the CodeDeploy deployment) and a context line. Text from
 * CodePipeline is escaped, and everything is cut to Slack's limits.
 */
final class AlertBlocks {
  static final int MAX_ACTIONS_SHOWN = 5;
  private static final int MAX_SECTION = 2900;
  private static final int MAX_FIELD = 1900;
  private static final int MAX_ERROR = 1400;

  private AlertBlocks() {}

  /** The notification text (what a phone shows; Slack's fallback when blocks cannot be shown). */
  static String text(Alert a, Optional<String> mention) {
    return mention.map(m -> m + " ").orElse("") + emoji(a.kind()) + " " + AlertText.headline(a);
  }

  /** A main alert, also the thread's parent; {@code status} when the parent is edited to show a later state. */
  static List<Map<String, Object>> alert(Alert a, Optional<String> mention, Optional<ExecutionStatus> status) {
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(section(mention.map(m -> m + " ").orElse("") + emoji(a.kind()) + " " + headline(a)));
    List<String> fields = new ArrayList<>();
    fields.add("*Execution*\n<" + a.consoleUrl() + "|" + AlertText.shortId(a.executionId()) + "> · attempt "
        + a.attempt());
    fields.add("*State*\n" + state(a, status));
    a.provenance().ifPresent(p -> fields.add("*Source*\n" + escape(p.describe())));
    a.trigger().ifPresent(t -> fields.add("*Trigger*\n" + escape(t.describe())));
    a.duration().ifPresent(d -> fields.add("*Duration*\n" + AlertText.duration(d)));
    blocks.add(fields(fields));
    List<FailedAction> shown = a.failedActions().subList(0, Math.min(MAX_ACTIONS_SHOWN, a.failedActions().size()));
    for (FailedAction f : shown) {
      String label = a.failedActions().size() > 1 ? "*" + escape(f.path()) + "*"
          + f.provider().map(p -> " (" + escape(p) + ")").orElse("") + "\n" : "";
      Optional<String> error = f.error();
      if (error.isPresent() || !label.isEmpty()) {
        blocks.add(section(label + error.map(e -> "```" + cut(escape(e), MAX_ERROR) + "```").orElse("no error "
            + "details")));
      }
    }
    if (a.failedActions().size() > MAX_ACTIONS_SHOWN) {
      blocks.add(context("and " + (a.failedActions().size() - MAX_ACTIONS_SHOWN) + " more failed actions: see the "
          + "execution"));
    }
    a.summary().ifPresent(s -> blocks.add(section("*Summary:* " + escape(s))));
    blocks.add(buttons(a, shown));
    blocks.add(context("Baton · severity " + a.severity().value() + " · account " + a.account() + " · "
        + a.region()));
    return blocks;
  }

  /** The reply in the execution's thread about one more failed action. */
  static String replyText(FailedAction f) {
    return ":heavy_exclamation_mark: Also failed: " + f.path() + f.provider().map(p -> " (" + p + ")").orElse("");
  }

  static List<Map<String, Object>> reply(Alert a, FailedAction f) {
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(section(":heavy_exclamation_mark: *Also failed:* action *" + escape(f.action()) + "* in stage *"
        + escape(f.stage()) + "*" + f.provider().map(p -> " (" + escape(p) + ")").orElse("")
        + f.error().map(e -> "\n```" + cut(escape(e), MAX_ERROR) + "```").orElse("")));
    f.externalUrl().ifPresent(u -> blocks.add(actions(List.of(button(AlertText.externalLabel(f), u,
        "baton_external_0")))));
    return blocks;
  }

  /** The parent's text once it shows {@code status}. */
  static String updatedText(Alert a, ExecutionStatus status) {
    return emoji(a.kind()) + " " + AlertText.headline(a) + " (now " + state(a, Optional.of(status))
        .replace("*", "") + ")";
  }

  private static String headline(Alert a) {
    String pipeline = "*<" + a.consoleUrl() + "|" + escape(a.pipeline()) + ">*";
    return switch (a.kind()) {
      case FAILED -> a.firstAction()
          .map(f -> pipeline + " failed: action *" + escape(f.action()) + "* in stage *" + escape(f.stage()) + "*"
              + f.provider().map(p -> " (" + escape(p) + ")").orElse("")
              + (a.failedActions().size() > 1 ? " and " + (a.failedActions().size() - 1) + " more" : ""))
          .orElseGet(() -> pipeline + " failed" + a.stage().map(s -> " in stage *" + escape(s) + "*").orElse(""));
      case APPROVAL_REJECTED -> pipeline + ": approval *" + escape(a.firstAction().map(FailedAction::action)
          .orElse("?")) + "* in stage *" + escape(a.stage().orElse("?")) + "* was rejected or timed out";
      case STOPPED -> pipeline + ": execution " + AlertText.shortId(a.executionId()) + " was stopped";
      case SUCCEEDED -> pipeline + " succeeded";
      case RECOVERED -> pipeline + " succeeded again" + a.recoveredFrom().map(r -> " after " + escape(r) + " failed")
          .orElse("");
      case FREEZE -> pipeline + " is frozen";
    };
  }

  private static String state(Alert a, Optional<ExecutionStatus> status) {
    if (status.isPresent() && status.get().attempt() != a.attempt()) {
      return "*" + AlertText.state(status.get().state()) + "* on attempt " + status.get().attempt();
    }
    Optional<String> state = status.flatMap(ExecutionStatus::state).or(a::state);
    return state.map(s -> "*" + s + "*").orElse(AlertText.state(Optional.empty()));
  }

  private static Map<String, Object> buttons(Alert a, List<FailedAction> shown) {
    List<Map<String, Object>> elements = new ArrayList<>();
    elements.add(button("Open execution", a.consoleUrl(), "baton_open_execution"));
    for (FailedAction f : shown) {
      if (elements.size() < 5 && f.externalUrl().isPresent()) {
        String label = AlertText.externalLabel(f) + (shown.size() > 1 ? " · " + f.action() : "");
        elements.add(button(label, f.externalUrl().get(), "baton_external_" + (elements.size() - 1)));
      }
    }
    return actions(elements);
  }

  private static String emoji(AlertKind kind) {
    return switch (kind) {
      case FAILED -> ":red_circle:";
      case APPROVAL_REJECTED -> ":no_entry:";
      case STOPPED -> ":octagonal_sign:";
      case SUCCEEDED -> ":large_green_circle:";
      case RECOVERED -> ":white_check_mark:";
      case FREEZE -> ":snowflake:";
    };
  }

  private static Map<String, Object> section(String mrkdwn) {
    return map("type", "section", "text", map("type", "mrkdwn", "text", cut(mrkdwn, MAX_SECTION)));
  }

  private static Map<String, Object> fields(List<String> fields) {
    return map("type", "section", "fields", fields.stream().limit(10)
        .map(f -> map("type", "mrkdwn", "text", cut(f, MAX_FIELD))).toList());
  }

  private static Map<String, Object> context(String mrkdwn) {
    return map("type", "context", "elements", List.of(map("type", "mrkdwn", "text", cut(mrkdwn, MAX_FIELD))));
  }

  private static Map<String, Object> actions(List<Map<String, Object>> elements) {
    return map("type", "actions", "elements", elements);
  }

  private static Map<String, Object> button(String label, String url, String actionId) {
    Map<String, Object> b = map("type", "button", "text", map("type", "plain_text", "text", cut(label, 75)));
    b.put("url", url);
    b.put("action_id", actionId);
    return b;
  }

  /** A map that keeps its keys in the order given, so messages serialise the same way every time. */
  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, Object> m = map(k1, v1, k2, v2);
    m.put(k3, v3);
    return m;
  }

  /** Slack's mrkdwn escaping: &amp; &lt; &gt; (the rest is literal). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
