package dev.baton.core.approval;

/** Whether a chat user belongs to a user group (Slack user groups, {@code S0...}). */
@FunctionalInterface
public interface GroupMembership {
  /**
   * @throws MembershipUnavailableException when the chat service cannot tell now (not allowed to read groups, down,
   *     too slow); the adapter logs what to fix
   */
  boolean isMember(String userId, String groupId);
}
