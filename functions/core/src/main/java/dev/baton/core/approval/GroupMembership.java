package dev.baton.core.approval;

import java.util.List;

/** Whether a chat user belongs to a user group (Slack user groups, {@code S0...}). */
@FunctionalInterface
public interface GroupMembership {
  /**
   * @throws MembershipUnavailableException when the chat service cannot tell now (not allowed to read groups, down,
   *     too slow); the adapter logs what to fix
   */
  boolean isMember(String userId, String groupId);

  /**
   * Whether the user is in any of the groups: true as soon as one says so, false when none does; when none said so
   * and one could not tell, its {@link MembershipUnavailableException} (not knowing is not "no").
   */
  default boolean isMemberOfAny(String userId, List<String> groupIds) {
    MembershipUnavailableException unavailable = null;
    for (String group : groupIds) {
      try {
        if (isMember(userId, group)) {
          return true;
        }
      } catch (MembershipUnavailableException e) {
        unavailable = e;
      }
    }
    if (unavailable != null) {
      throw unavailable;
    }
    return false;
  }
}
