package dev.baton.core.alerts;

import java.util.Objects;
import java.util.Optional;

/**
 * What a channel gave back for a delivered message: the SNS message id, or the Slack message {@code ts} with the
 * channel id it landed in (needed to reply in its thread and to edit it).
 */
public record Receipt(String id, Optional<String> channel) {
  public Receipt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
  }

  public static Receipt of(String id) {
    return new Receipt(id, Optional.empty());
  }

  public static Receipt slack(String channelId, String ts) {
    return new Receipt(ts, Optional.of(channelId));
  }
}
