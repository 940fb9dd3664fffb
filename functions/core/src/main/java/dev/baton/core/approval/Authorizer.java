package dev.baton.core.approval;

import java.util.Optional;

/**
 * Decides whether a Slack user may decide an approval: the route's user allowlist, then its user groups (asked only
 * when needed), and the optional rule that whoever started the execution may not approve it.
 */
public final class Authorizer {
  private final ApprovalRoutes routes;
  private final GroupMembership groups;

  public Authorizer(ApprovalRoutes routes, GroupMembership groups) {
    this.routes = routes;
    this.groups = groups;
  }

  /** Why not; empty when allowed. */
  public Optional<String> refusal(Approval approval, SlackUser user, boolean approving) {
    ApprovalRequest r = approval.request();
    Optional<ApprovalRoute> match = routes.route(r.pipeline(), r.stage(), r.action());
    if (match.isEmpty()) {
      return Optional.of("no route in config/approvals.json covers " + r.where() + ", so nobody may decide it here");
    }
    ApprovalRoute route = match.get();
    boolean listed = route.users().contains(user.id())
        || route.groups().stream().anyMatch(g -> groups.isMember(user.id(), g));
    if (!listed) {
      return Optional.of("you are not an approver of " + r.pipeline() + " / " + r.stage() + " (route \""
          + route.name() + "\")");
    }
    if (approving && !route.starterMayApprove() && approval.startedBy().isPresent()
        && routes.identitiesOf(user.id()).stream().anyMatch(id -> matches(id, approval.startedBy().get()))) {
      return Optional.of("you started this execution, and route \"" + route.name()
          + "\" asks for someone else to approve it");
    }
    return Optional.empty();
  }

  static boolean matches(String identity, String startedBy) {
    return identity.endsWith("*") ? startedBy.startsWith(identity.substring(0, identity.length() - 1))
        : startedBy.equals(identity);
  }
}
