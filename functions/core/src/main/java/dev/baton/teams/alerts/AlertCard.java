package dev.baton.teams.alerts;

import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertKind;
import dev.baton.core.alerts.Announcement;
import dev.baton.core.alerts.AlertText;
import dev.baton.core.alerts.FailedAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as an Adaptive Card (schema 1.4, which Teams renders on every client) with the Slack alert's content: the
 * headline, the facts (execution and attempt, state, source, trigger, duration), the error of each failed action
 * (up to five), CodePipeline's summary, link buttons (the execution in the console, CodeBuild logs, the CodeDeploy
 * deployment) and a context line. Built as plain maps in a fixed key order, so the same alert is the same request.
 */
final class AlertCard {
  static final int MAX_ACTIONS_SHOWN = 5;
  private static final int MAX_ERROR = 1400;
  private static final int MAX_TEXT = 2000;

  private AlertCard() {}

  /** The Workflows webhook request: one message whose one attachment is the card. */
  static Map<String, Object> message(Alert a) {
    return message(card(a));
  }

  private static Map<String, Object> message(Map<String, Object> card) {
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("content", card);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "message");
    message.put("attachments", List.of(attachment));
    return message;
  }

  /** An announcement as a Workflows webhook message: its subject as the headline, then its text. */
  static Map<String, Object> announcement(Announcement a) {
    Map<String, Object> headline = text("\u2744\uFE0F " + a.subject());
    headline.put("weight", "Bolder");
    headline.put("size", "Medium");
    headline.put("color", "Accent");
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("type", "AdaptiveCard");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("version", "1.4");
    card.put("body", List.of(headline, text(a.text())));
    return message(card);
  }

  static Map<String, Object> card(Alert a) {
    List<Map<String, Object>> body = new ArrayList<>();
    Map<String, Object> headline = text(emoji(a.kind()) + " " + AlertText.headline(a));
    headline.put("weight", "Bolder");
    headline.put("size", "Medium");
    headline.put("color", color(a.kind()));
    body.add(headline);
    List<Map<String, Object>> facts = new ArrayList<>();
    facts.add(fact("Execution", AlertText.shortId(a.executionId()) + " · attempt " + a.attempt()));
    facts.add(fact("State", AlertText.state(a.state())));
    a.provenance().ifPresent(p -> facts.add(fact("Source", p.describe())));
    a.trigger().ifPresent(t -> facts.add(fact("Trigger", t.describe())));
    a.duration().ifPresent(d -> facts.add(fact("Duration", AlertText.duration(d))));
    body.add(map("type", "FactSet", "facts", facts));
    List<FailedAction> shown = a.failedActions().subList(0, Math.min(MAX_ACTIONS_SHOWN, a.failedActions().size()));
    for (FailedAction f : shown) {
      if (a.failedActions().size() > 1) {
        Map<String, Object> label = text(f.path() + f.provider().map(p -> " (" + p + ")").orElse(""));
        label.put("weight", "Bolder");
        body.add(label);
      }
      if (f.error().isPresent()) {
        Map<String, Object> error = text(cut(f.error().get(), MAX_ERROR));
        error.put("fontType", "Monospace");
        body.add(error);
      } else if (a.failedActions().size() > 1) {
        body.add(text("no error details"));
      }
    }
    if (a.failedActions().size() > MAX_ACTIONS_SHOWN) {
      body.add(subtle("and " + (a.failedActions().size() - MAX_ACTIONS_SHOWN) + " more failed actions: see the "
          + "execution"));
    }
    a.summary().ifPresent(s -> body.add(text("Summary: " + s)));
    body.add(subtle("Baton · severity " + a.severity().value() + " · account " + a.account() + " · " + a.region()));

    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("msteams", map("width", "Full"));
    card.put("body", body);
    card.put("actions", links(a, shown));
    return card;
  }

  private static List<Map<String, Object>> links(Alert a, List<FailedAction> shown) {
    List<Map<String, Object>> actions = new ArrayList<>();
    actions.add(openUrl("Open execution", a.consoleUrl()));
    for (FailedAction f : shown) {
      if (actions.size() < 5 && f.externalUrl().isPresent()) {
        actions.add(openUrl(AlertText.externalLabel(f) + (shown.size() > 1 ? " · " + f.action() : ""),
            f.externalUrl().get()));
      }
    }
    return actions;
  }

  private static String emoji(AlertKind kind) {
    return switch (kind) {
      case FAILED -> "\uD83D\uDD34";
      case APPROVAL_REJECTED -> "\u26D4";
      case STOPPED -> "\uD83D\uDED1";
      case SUCCEEDED -> "\uD83D\uDFE2";
      case RECOVERED -> "\u2705";
      case FREEZE -> "\u2744\uFE0F";
    };
  }

  private static String color(AlertKind kind) {
    return switch (kind) {
      case FAILED -> "Attention";
      case APPROVAL_REJECTED, STOPPED -> "Warning";
      case SUCCEEDED, RECOVERED -> "Good";
      case FREEZE -> "Accent";
    };
  }

  private static Map<String, Object> text(String text) {
    Map<String, Object> t = map("type", "TextBlock", "text", cut(text, MAX_TEXT));
    t.put("wrap", true);
    return t;
  }

  private static Map<String, Object> subtle(String text) {
    Map<String, Object> t = text(text);
    t.put("isSubtle", true);
    t.put("size", "Small");
    return t;
  }

  private static Map<String, Object> fact(String title, String value) {
    return map("title", title, "value", cut(value, MAX_TEXT));
  }

  private static Map<String, Object> openUrl(String title, String url) {
    Map<String, Object> a = map("type", "Action.OpenUrl", "title", cut(title, 75));
    a.put("url", url);
    return a;
  }

  private static Map<String, Object> map(String k1, Object v1) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    return m;
  }

  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = map(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
