package dev.baton.core.alerts;

import java.util.Objects;
import java.util.Optional;

/** A message for one target, as the alerting service asks a channel to send it. Channels render it their way. */
public sealed interface Outbound permits Outbound.Post, Outbound.Reply, Outbound.Update {

  /** The alert the message is about. */
  Alert alert();

  /**
   * A main alert. In Slack it opens the execution's thread, or, when the thread exists (a later attempt), is posted
   * in it and broadcast to the channel.
   *
   * @param mention the route's mention text, for problem alerts
   */
  record Post(Alert alert, Optional<String> mention, Optional<Receipt> thread) implements Outbound {
    public Post {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(mention, "mention");
      Objects.requireNonNull(thread, "thread");
    }
  }

  /** One more failed action of an execution that already alerted: a reply in the execution's Slack thread. */
  record Reply(Alert alert, FailedAction action, Receipt thread) implements Outbound {
    public Reply {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(thread, "thread");
    }
  }

  /** The thread's parent edited to show where the execution stands now. */
  record Update(Alert alert, ExecutionStatus status, Receipt parent) implements Outbound {
    public Update {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(parent, "parent");
    }
  }
}
