package dev.baton.slack;

/** Where Slack put a message: the channel id and the message timestamp, which together address it for updates. */
public record PostedMessage(String channel, String ts) {
  public PostedMessage {
    if (channel == null || channel.isBlank() || ts == null || ts.isBlank()) {
      throw new IllegalArgumentException("a posted message needs a channel and a ts");
    }
  }
}
