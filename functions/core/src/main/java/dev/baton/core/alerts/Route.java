package dev.baton.core.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the alerts of one pipeline go and which of them are sent at all: the result of matching a pipeline name
 * against the routing file ({@link AlertRouting#route}).
 *
 * @param name the route's name, or {@code defaults}
 * @param kinds the kinds of alert sent ({@code notify} in the file); the others are not
 * @param snsTopics topic ARNs
 * @param slackChannels channels the bot posts to ({@code #name} or an id)
 * @param slackWebhook also (or only) post through the incoming webhook
 * @param mention Slack mention text put before problem alerts ({@code <!here>}, {@code <!subteam^S0...>})
 * @param teamsWebhooks references of the secrets holding Teams Workflows webhook URLs
 */
public record Route(String name, Set<AlertKind> kinds, List<String> snsTopics, List<String> slackChannels,
                    boolean slackWebhook, Optional<String> mention, List<String> teamsWebhooks) {
  public Route {
    Objects.requireNonNull(name, "name");
    kinds = Set.copyOf(kinds);
    snsTopics = List.copyOf(snsTopics);
    slackChannels = List.copyOf(slackChannels);
    Objects.requireNonNull(mention, "mention");
    teamsWebhooks = List.copyOf(teamsWebhooks);
  }

  public boolean notifies(AlertKind kind) {
    return kinds.contains(kind);
  }

  /** Every destination, SNS first (it is quick and never waits for Slack or Teams). */
  public List<Target> targets() {
    List<Target> out = new ArrayList<>();
    snsTopics.forEach(t -> out.add(Target.sns(t)));
    slackChannels.forEach(c -> out.add(Target.slack(c)));
    if (slackWebhook) {
      out.add(Target.SLACK_WEBHOOK);
    }
    teamsWebhooks.forEach(w -> out.add(Target.teams(w)));
    return out;
  }

  public boolean usesSlack() {
    return !slackChannels.isEmpty() || slackWebhook;
  }
}
