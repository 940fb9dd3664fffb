package dev.baton.slack.approval;

import dev.baton.core.approval.GroupMembership;
import dev.baton.slack.SlackClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * User-group membership from Slack ({@code usergroups.users.list}, scope {@code usergroups:read}), cached per group
 * for a minute so a warm function asks Slack at most once a minute per group.
 */
public final class SlackGroups implements GroupMembership {
  private final SlackClient slack;
  private final long ttlNanos;
  private final LongSupplier clock;
  private final Map<String, Members> cache = new ConcurrentHashMap<>();

  private record Members(Set<String> users, long at) {}

  public SlackGroups(SlackClient slack) {
    this(slack, Duration.ofMinutes(1), System::nanoTime);
  }

  SlackGroups(SlackClient slack, Duration ttl, LongSupplier clock) {
    this.slack = slack;
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
  }

  @Override
  public boolean isMember(String userId, String groupId) {
    Members m = cache.get(groupId);
    if (m == null || clock.getAsLong() - m.at >= ttlNanos) {
      m = new Members(Set.copyOf(slack.callForm("usergroups.users.list", Map.of("usergroup", groupId))
          .strings("users")), clock.getAsLong());
      cache.put(groupId, m);
    }
    return m.users.contains(userId);
  }
}
