package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.util.Optional;

/**
 * Who may approve while the pipeline is frozen: the break-glass people of the approval's route
 * ({@code breakGlass} in {@code config/approvals.json}: the route's own, else the file's), by user id or by user
 * group. Free of chat types: the user is an id and groups are asked through {@link GroupMembership}, so any chat
 * front end applies the same rule. A group that cannot be checked now makes the answer
 * {@link Authorization.Verdict#UNCHECKED}: not allowed, for now.
 */
public final class BreakGlass {
  private final ApprovalRoutes routes;
  private final GroupMembership groups;

  public BreakGlass(ApprovalRoutes routes, GroupMembership groups) {
    this.routes = routes;
    this.groups = groups;
  }

  /** Whether {@code userId} may override a freeze on the approval {@code c} (with a reason). */
  public Authorization mayOverride(ApprovalClaim c, String userId) {
    Optional<ApprovalRoute> match = routes.route(c.pipeline(), c.stage(), c.action());
    if (match.isEmpty() || match.get().breakGlass().isEmpty()) {
      return Authorization.refused("nobody may approve " + c.pipeline() + " during a freeze here (no break-glass "
          + "group in config/approvals.json covers it)");
    }
    ApprovalRoute.People people = match.get().breakGlass();
    if (people.users().contains(userId)) {
      return Authorization.allowed();
    }
    try {
      if (groups.isMemberOfAny(userId, people.groups())) {
        return Authorization.allowed();
      }
    } catch (MembershipUnavailableException unavailable) {
      Log.warn("break-glass refused for now: user-group membership could not be checked", "approvalId", c.id(),
          "user", userId, "route", match.get().name(), "error", unavailable.getMessage());
      return Authorization.unchecked("Slack did not say whether you are in a break-glass group of route \""
          + match.get().name() + "\"");
    }
    return Authorization.refused("you are not in the break-glass group of route \"" + match.get().name() + "\"");
  }

  /** The break-glass people of the approval's route (nobody when none is configured), for telling whom to ask. */
  public ApprovalRoute.People of(ApprovalClaim c) {
    return routes.route(c.pipeline(), c.stage(), c.action()).map(ApprovalRoute::breakGlass)
        .orElse(ApprovalRoute.People.NOBODY);
  }
}
