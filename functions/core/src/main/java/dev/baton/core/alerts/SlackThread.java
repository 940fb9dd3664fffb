package dev.baton.core.alerts;

import java.util.Objects;

/**
 * The Slack thread of one execution in one channel: the parent message ({@code channelId}/{@code ts}) that the
 * first alert posted, the alert it shows, and the status it was last rendered with. Follow-ups reply in it; the
 * parent is edited when the execution's status moves on.
 */
public record SlackThread(String pipeline, String executionId, String channel, String channelId, String ts,
                          Alert opening, ExecutionStatus rendered) {
  public SlackThread {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(opening, "opening");
    Objects.requireNonNull(rendered, "rendered");
  }

  public Receipt parent() {
    return Receipt.slack(channelId, ts);
  }
}
