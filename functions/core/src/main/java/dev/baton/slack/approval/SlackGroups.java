package dev.baton.slack.approval;

import dev.baton.core.approval.GroupMembership;
import dev.baton.core.approval.MembershipUnavailableException;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.log.Log;
import dev.baton.slack.SlackApiException;
import dev.baton.slack.SlackClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * User-group membership from Slack ({@code usergroups.users.list}, scope {@code usergroups:read}), cached per group
 * for a minute so a warm function asks Slack at most once a minute per group. When Slack cannot say (the app lacks
 * the scope, Slack is down or slow, the answer is not the documented one), an ERROR line names the fix and
 * {@link MembershipUnavailableException} is thrown: nobody is let in on a membership that was not read. Failures are
 * not cached.
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
      m = new Members(read(groupId), clock.getAsLong());
      cache.put(groupId, m);
    }
    return m.users.contains(userId);
  }

  private Set<String> read(String groupId) {
    try {
      return Set.copyOf(slack.callForm("usergroups.users.list", Map.of("usergroup", groupId)).strings("users"));
    } catch (SlackApiException e) {
      Log.error("cannot read a Slack user group, so its members may not decide approvals now: " + fix(e), "group",
          groupId, "error", e.error(), "httpStatus", e.httpStatus());
      throw new MembershipUnavailableException("Slack usergroups.users.list failed: " + e.error(), e);
    } catch (MalformedJsonException e) {
      Log.error("cannot read a Slack user group, so its members may not decide approvals now: Slack's answer to "
          + "usergroups.users.list has no users list", "group", groupId, "error", e.getMessage());
      throw new MembershipUnavailableException("Slack usergroups.users.list: unexpected answer", e);
    }
  }

  private static String fix(SlackApiException e) {
    return switch (e.error()) {
      case "missing_scope" -> "the Slack app lacks the usergroups:read "
          + "scope: add it to the bot token scopes (OAuth & Permissions, or slack/app-manifest.yaml) and reinstall "
          + "the app";
      case "invalid_auth", "not_authed", "token_revoked", "account_inactive", "no_bot_token" -> "the bot token in "
          + "the Slack secret is not valid: store the app's current Bot User OAuth Token";
      case "no_such_subteam" -> "the group id in config/approvals.json is not a user group of this workspace";
      case "plan_upgrade_required" -> "this workspace's Slack plan has no user groups: list the approvers as users";
      default -> e.retryable() ? "Slack did not answer in time; if this persists, check Slack's status and that the "
          + "app has the usergroups:read scope" : "Slack refused the call; check that the app has the "
          + "usergroups:read scope";
    };
  }
}
