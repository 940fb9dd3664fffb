package dev.baton.core.approval;

/** Whether a chat user belongs to a user group (Slack user groups, {@code S0...}). */
@FunctionalInterface
public interface GroupMembership {
  boolean isMember(String userId, String groupId);
}
