package dev.baton.core.approval;

import dev.baton.core.log.Log;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a Slack user may decide an approval: the route's user allowlist, then its user groups (asked only
 * when needed), and for approving the optional rule that whoever started the execution may not approve it. Where
 * Baton cannot check (Slack cannot say who is in a group, CodePipeline cannot say who started the execution), the
 * answer is {@link Authorization.Verdict#UNCHECKED}: not allowed, for now.
 */
public final class Authorizer {
  private final ApprovalRoutes routes;
  private final GroupMembership groups;
  private final Starters starters;
  private final Surface surface;

  /** Where someone decides: whose approvers a route lists there, and what to call it in a refusal. */
  private enum Surface { SLACK, TEAMS }

  /** For Slack: the routes' Slack users and user groups. */
  public Authorizer(ApprovalRoutes routes, GroupMembership groups, Starters starters) {
    this(routes, groups, starters, Surface.SLACK);
  }

  private Authorizer(ApprovalRoutes routes, GroupMembership groups, Starters starters, Surface surface) {
    this.routes = routes;
    this.groups = groups;
    this.starters = starters;
    this.surface = surface;
  }

  /**
   * For Microsoft Teams: the routes' {@code teams} approvers (Entra ID user object ids, and security groups asked of
   * {@code groups}); a route without them lets nobody decide in Teams. The starter rule is the same.
   */
  public static Authorizer forTeams(ApprovalRoutes routes, GroupMembership groups, Starters starters) {
    return new Authorizer(routes, groups, starters, Surface.TEAMS);
  }

  private List<String> users(ApprovalRoute route) {
    return surface == Surface.SLACK ? route.users() : route.teams().map(TeamsRoute::users).orElse(List.of());
  }

  private List<String> groups(ApprovalRoute route) {
    return surface == Surface.SLACK ? route.groups() : route.teams().map(TeamsRoute::groups).orElse(List.of());
  }

  /** Whether {@code user} may decide {@code approval} at all: a route covers it and lists them (or their group). */
  public Authorization mayDecide(Approval approval, SlackUser user) {
    return mayDecide(ApprovalClaim.of(approval), user);
  }

  /** {@link #mayDecide(Approval, SlackUser)} for the approval a click claims to be for. */
  public Authorization mayDecide(ApprovalClaim r, SlackUser user) {
    Optional<ApprovalRoute> match = routes.route(r.pipeline(), r.stage(), r.action());
    if (match.isEmpty()) {
      return Authorization.refused("no route in config/approvals.json covers " + r.where()
          + ", so nobody may decide it here");
    }
    ApprovalRoute route = match.get();
    if (surface == Surface.TEAMS && route.teams().isEmpty()) {
      return Authorization.refused("route \"" + route.name() + "\" names no approvers in Microsoft Teams");
    }
    if (users(route).contains(user.id())) {
      return Authorization.allowed();
    }
    try {
      if (groups.isMemberOfAny(user.id(), groups(route))) {
        return Authorization.allowed();
      }
    } catch (MembershipUnavailableException unavailable) {
      Log.warn("approval refused for now: user-group membership could not be checked", "approvalId", r.id(),
          "user", user.id(), "route", route.name(), "error", unavailable.getMessage());
      return Authorization.unchecked((surface == Surface.SLACK ? "Slack" : "Microsoft Entra ID")
          + " did not say whether you are in an approver group of route \"" + route.name() + "\"");
    }
    return Authorization.refused("you are not an approver of " + r.pipeline() + " / " + r.stage() + " (route \""
        + route.name() + "\")");
  }

  /**
   * For approving, once {@link #mayDecide} allowed: the route's rule that whoever started the execution may not
   * approve it. Only someone {@code people} ties to identities can be recognised as the starter; for them the
   * starter must be known (stored, or looked up now).
   */
  public Authorization mayApprove(Approval approval, SlackUser user) {
    ApprovalRequest r = approval.request();
    Optional<ApprovalRoute> match = routes.route(r.pipeline(), r.stage(), r.action());
    if (match.isEmpty()) {
      return mayDecide(approval, user);
    }
    List<String> identities = routes.identitiesOf(user.id());
    if (match.get().starterMayApprove() || identities.isEmpty()) {
      return Authorization.allowed();
    }
    ApprovalRoute route = match.get();
    String starter;
    try {
      starter = starters.of(approval);
    } catch (StarterUnknownException e) {
      Log.warn("approval refused for now: who started the execution is not known", "approvalId", approval.id(),
          "user", user.id(), "route", route.name(), "error", e.getMessage());
      return Authorization.unchecked("route \"" + route.name() + "\" does not let whoever started the execution "
          + "approve it, and Baton could not find out who started this execution");
    }
    if (identities.stream().anyMatch(id -> matches(id, starter))) {
      return Authorization.refused("you started this execution, and route \"" + route.name()
          + "\" asks for someone else to approve it");
    }
    return Authorization.allowed();
  }

  /**
   * The identities whose execution {@code user} may not approve under the route's rule, for the write that records
   * the approval to check against the stored starter; empty when the rule does not apply to them.
   */
  public List<String> starterMayNotBe(ApprovalClaim r, SlackUser user) {
    Optional<ApprovalRoute> match = routes.route(r.pipeline(), r.stage(), r.action());
    if (match.isEmpty() || match.get().starterMayApprove()) {
      return List.of();
    }
    return routes.identitiesOf(user.id());
  }

  static boolean matches(String identity, String startedBy) {
    return identity.endsWith("*") ? startedBy.startsWith(identity.substring(0, identity.length() - 1))
        : startedBy.equals(identity);
  }
}
