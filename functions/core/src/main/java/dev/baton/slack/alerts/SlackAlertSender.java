package dev.baton.slack.alerts;

import dev.baton.core.alerts.Alert;
import dev.baton.core.alerts.AlertSender;
import dev.baton.core.alerts.Announcement;
import dev.baton.core.alerts.AnnouncementSender;
import dev.baton.core.alerts.DeliveryRejectedException;
import dev.baton.core.alerts.ExecutionStatus;
import dev.baton.core.alerts.FailedAction;
import dev.baton.core.alerts.Outbound;
import dev.baton.core.alerts.Receipt;
import dev.baton.core.alerts.Target;
import dev.baton.slack.PostedMessage;
import dev.baton.slack.SlackApiException;
import dev.baton.slack.SlackClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends alerts to Slack: with the bot token to channels ({@code chat.postMessage}; replies carry {@code thread_ts};
 * a later attempt's alert in an existing thread is also broadcast to the channel; parents are edited with
 * {@code chat.update}), or through the incoming webhook (main alerts only: a webhook cannot thread or edit).
 * The {@link SlackClient} retries rate limits (honouring {@code Retry-After}), 5xx and timeouts within its budget;
 * what it still cannot deliver is a transient failure (the event is retried), while Slack's error answers that
 * retrying will not fix ({@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth}, ...) become
 * {@link DeliveryRejectedException}s saying what to fix.
 */
public final class SlackAlertSender implements AlertSender, AnnouncementSender {
  private static final Set<String> AUTH_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked",
      "token_expired", "account_inactive", "no_bot_token");

  private final SlackClient client;
  private final SlackCredentials credentials;

  public SlackAlertSender(SlackClient client, SlackCredentials credentials) {
    this.client = client;
    this.credentials = credentials;
  }

  @Override
  public Receipt send(Target target, Outbound message) throws DeliveryRejectedException {
    if (target.type() == Target.Type.SLACK_WEBHOOK) {
      return webhook(message);
    }
    if (target.type() != Target.Type.SLACK) {
      throw new IllegalArgumentException("not a Slack target: " + target);
    }
    if (credentials.botToken().isEmpty()) {
      throw new DeliveryRejectedException("slack_not_configured", "no Slack bot token to post to " + target.address()
          + ": set the stack's AlertSlackSecret parameter to a secret holding {\"botToken\": \"xoxb-...\"} "
          + (credentials.configured() ? "(" + credentials.describe() + " has no bot token)" : ""));
    }
    try {
      return switch (message) {
        case Outbound.Post p -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("channel", p.thread().flatMap(Receipt::channel).orElse(target.address()));
          body.put("text", AlertBlocks.text(p.alert(), p.mention()));
          body.put("blocks", AlertBlocks.alert(p.alert(), p.mention(), Optional.empty()));
          p.thread().ifPresent(t -> {
            body.put("thread_ts", t.id());
            body.put("reply_broadcast", true);
          });
          body.put("unfurl_links", false);
          yield receipt(client.postMessage(body));
        }
        case Outbound.Reply r -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("channel", r.thread().channel().orElse(target.address()));
          body.put("thread_ts", r.thread().id());
          body.put("text", AlertBlocks.replyText(r.action()));
          body.put("blocks", AlertBlocks.reply(r.alert(), r.action()));
          body.put("unfurl_links", false);
          yield receipt(client.postMessage(body));
        }
        case Outbound.Update u -> receipt(client.update(u.parent().channel().orElse(target.address()), u.parent().id(),
            AlertBlocks.updatedText(u.alert(), u.status()),
            AlertBlocks.alert(u.alert(), Optional.empty(), Optional.of(u.status()))));
      };
    } catch (SlackApiException e) {
      throw translate(e, target);
    }
  }

  /** An announcement (a freeze started or ended): one message of its own, to a channel or through the webhook. */
  @Override
  public Receipt announce(Target target, Announcement a) throws DeliveryRejectedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", a.subject());
    body.put("blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text",
        (a.kind().startsWith("FREEZE") ? ":snowflake: " : "") + "*" + AlertBlocks.escape(a.subject()) + "*\n"
            + AlertBlocks.escape(a.text())))));
    body.put("unfurl_links", false);
    if (target.type() == Target.Type.SLACK_WEBHOOK) {
      Optional<String> url = credentials.webhookUrl();
      if (url.isEmpty()) {
        throw new DeliveryRejectedException("slack_not_configured", "no Slack incoming webhook URL: set the stack's "
            + "AlertSlackSecret parameter to a secret holding {\"webhookUrl\": \"https://hooks.slack.com/...\"}");
      }
      try {
        client.respond(url.get(), body);
        return Receipt.of("webhook");
      } catch (SlackApiException e) {
        throw translate(e, target);
      }
    }
    if (credentials.botToken().isEmpty()) {
      throw new DeliveryRejectedException("slack_not_configured", "no Slack bot token to post to " + target.address()
          + ": set the stack's AlertSlackSecret parameter to a secret holding {\"botToken\": \"xoxb-...\"}");
    }
    body.put("channel", target.address());
    try {
      return receipt(client.postMessage(body));
    } catch (SlackApiException e) {
      throw translate(e, target);
    }
  }

  private Receipt webhook(Outbound message) throws DeliveryRejectedException {
    if (!(message instanceof Outbound.Post p)) {
      throw new IllegalArgumentException("an incoming webhook takes main alerts only");
    }
    Optional<String> url = credentials.webhookUrl();
    if (url.isEmpty()) {
      throw new DeliveryRejectedException("slack_not_configured", "no Slack incoming webhook URL: set the stack's "
          + "AlertSlackSecret parameter to a secret holding {\"webhookUrl\": \"https://hooks.slack.com/...\"}");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", AlertBlocks.text(p.alert(), p.mention()));
    body.put("blocks", AlertBlocks.alert(p.alert(), p.mention(), Optional.empty()));
    body.put("unfurl_links", false);
    try {
      client.respond(url.get(), body);
      return Receipt.of("webhook");
    } catch (SlackApiException e) {
      throw translate(e, Target.SLACK_WEBHOOK);
    }
  }

  private RuntimeException translate(SlackApiException e, Target target) throws DeliveryRejectedException {
    if (e.retryable()) {
      return e;
    }
    if (AUTH_ERRORS.contains(e.error())) {
      credentials.invalidate();
    }
    throw new DeliveryRejectedException(e.error(), e.getMessage() + hint(e.error(), target));
  }

  private static Receipt receipt(PostedMessage m) {
    return Receipt.slack(m.channel(), m.ts());
  }

  static String hint(String error, Target target) {
    return switch (error) {
      case "channel_not_found" -> " (no channel " + target.address() + " the app can see: check slack.channels in "
          + "config/alert-routing.json; a private channel needs the app invited)";
      case "not_in_channel" -> " (invite the Baton app to " + target.address() + ": /invite @<app name>)";
      case "is_archived" -> " (" + target.address() + " is archived: route the alerts elsewhere)";
      case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
          " (the bot token in the Slack secret is not valid: put a current xoxb- token in it)";
      case "missing_scope" -> " (the Slack app needs the chat:write scope)";
      case "msg_too_long", "invalid_blocks" -> " (Baton built a message Slack refuses: please report it)";
      case "no_service", "no_service_id", "no_team", "team_disabled", "invalid_token", "action_prohibited",
           "posting_to_general_channel_denied", "channel_is_archived" ->
          target.type() == Target.Type.SLACK_WEBHOOK ? " (the incoming webhook is disabled or its URL is wrong: put a "
              + "current webhook URL in the Slack secret)" : "";
      default -> "";
    };
  }

  /**
   * Renders {@code alert} as every kind of Slack message and serialises it, without sending anything: for a
   * function's SnapStart priming, so the restored function has the rendering path loaded.
   */
  public static int prime(Alert alert) {
    int size = dev.baton.core.json.Json.write(AlertBlocks.alert(alert, Optional.of("<!here>"), Optional.empty()))
        .length();
    for (FailedAction f : alert.failedActions()) {
      size += dev.baton.core.json.Json.write(AlertBlocks.reply(alert, f)).length() + AlertBlocks.replyText(f).length();
    }
    return size + AlertBlocks.updatedText(alert, new ExecutionStatus(alert.attempt(), Optional.of("FAILED"))).length();
  }
}
