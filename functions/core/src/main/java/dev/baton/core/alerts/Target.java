package dev.baton.core.alerts;

import java.util.Objects;

/**
 * Where an alert goes: an SNS topic, a Slack channel (posted with the bot token, threaded per execution), the
 * Slack incoming webhook (one message per alert, no threads: a webhook cannot reply or edit), a Microsoft Teams
 * Workflows webhook, whose address is the reference of the secret holding its URL (never the URL itself: the URL is
 * the credential; a Teams webhook, like Slack's, cannot reply or edit), or Baton's own event bus.
 */
public record Target(Type type, String address) {
  /** The kinds of destination. */
  public enum Type { SNS, SLACK, SLACK_WEBHOOK, TEAMS, EVENTS }

  public static final Target SLACK_WEBHOOK = new Target(Type.SLACK_WEBHOOK, "webhook");
  /** Baton's own event bus ({@code Baton Alert Raised} / {@code Baton Alert Recovered}), logged like any target. */
  public static final Target EVENTS = new Target(Type.EVENTS, "baton");

  public Target {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(address, "address");
  }

  public static Target sns(String topicArn) {
    return new Target(Type.SNS, topicArn);
  }

  public static Target slack(String channel) {
    return new Target(Type.SLACK, channel);
  }

  /** A Teams Workflows webhook whose URL is in the secret {@code secretReference}. */
  public static Target teams(String secretReference) {
    return new Target(Type.TEAMS, secretReference);
  }

  /**
   * The target's identity in the delivery log: {@code sns:<topic ARN>}, {@code slack:<channel>},
   * {@code slack-webhook}, {@code teams:<secret reference>}.
   */
  public String id() {
    return switch (type) {
      case SNS -> "sns:" + address;
      case SLACK -> "slack:" + address;
      case SLACK_WEBHOOK -> "slack-webhook";
      case EVENTS -> "baton-events";
      case TEAMS -> "teams:" + address;
    };
  }

  /** Threads and edits: only bot-token Slack channels have them. */
  public boolean threaded() {
    return type == Type.SLACK;
  }

  public static Target parse(String id) {
    if (id.startsWith("sns:")) {
      return sns(id.substring(4));
    }
    if (id.startsWith("slack:")) {
      return slack(id.substring(6));
    }
    if (id.startsWith("teams:")) {
      return teams(id.substring(6));
    }
    if (id.equals("slack-webhook")) {
      return SLACK_WEBHOOK;
    }
    if (id.equals("baton-events")) {
      return EVENTS;
    }
    throw new IllegalArgumentException("not a target id: " + id);
  }

  @Override
  public String toString() {
    return id();
  }
}
