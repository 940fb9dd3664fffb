package dev.baton.core.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.config.ConfigException;
import dev.baton.core.json.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GIVEN routes with their own break-glass people, one falling back to the file's, and one file without any
 * WHEN someone asks to approve during a freeze
 * THEN the route's own people decide, else the file's; nobody when none is configured; a group that cannot be read
 *   now refuses for now; malformed ids fail the load naming the field.
 */
class BreakGlassTest {
  private static final String ROUTES = """
      {"routes": [
         {"name": "payments", "pipeline": "payments-*", "channel": "C0PAYMENTS",
          "approvers": {"users": ["U0ALICE", "U0BOB"]}, "breakGlass": {"users": ["U0BOB"]}},
         {"name": "rest", "pipeline": "*", "channel": "#releases", "approvers": {"users": ["U0ALICE"]}}],
       "breakGlass": {"groups": ["S0INCIDENT"]}}""";

  private static ApprovalClaim claim(String pipeline) {
    return new ApprovalClaim("apv-1", pipeline, "Approve", "Gate", Optional.empty());
  }

  private static BreakGlass rule(String routes, GroupMembership groups) {
    return new BreakGlass(ApprovalRoutes.parse("approvals.json", Json.parseObject(routes)), groups);
  }

  @Test
  void givenARouteWithItsOwnPeople_thenOnlyTheyMay_andTheFilesGroupIsNotAsked() {
    BreakGlass glass = rule(ROUTES, (user, group) -> {
      throw new AssertionError("not asked");
    });

    assertEquals(Authorization.allowed(), glass.mayOverride(claim("payments-deploy"), "U0BOB"));
    assertEquals(Authorization.refused("you are not in the break-glass group of route \"payments\""),
        glass.mayOverride(claim("payments-deploy"), "U0ALICE"));
    assertEquals(List.of("U0BOB"), glass.of(claim("payments-deploy")).users());
  }

  @Test
  void givenARouteWithout_thenTheFilesGroupDecides_andAGroupThatCannotBeReadRefusesForNow() {
    assertEquals(Authorization.allowed(), rule(ROUTES, (user, group) -> group.equals("S0INCIDENT")
        && user.equals("U0CAROL")).mayOverride(claim("ledger-deploy"), "U0CAROL"));
    assertEquals(Authorization.Verdict.REFUSED, rule(ROUTES, (user, group) -> false)
        .mayOverride(claim("ledger-deploy"), "U0ALICE").verdict());
    Authorization unknown = rule(ROUTES, (user, group) -> {
      throw new MembershipUnavailableException("missing_scope usergroups:read", null);
    }).mayOverride(claim("ledger-deploy"), "U0CAROL");
    assertEquals(Authorization.Verdict.UNCHECKED, unknown.verdict());
    assertTrue(unknown.reason().contains("break-glass group of route \"rest\""), unknown.reason());
  }

  @Test
  void givenNoBreakGlassAnywhere_thenNobodyMay() {
    BreakGlass glass = rule("""
        {"routes": [{"pipeline": "*", "channel": "#releases", "approvers": {"users": ["U0ALICE"]}}]}""",
        (user, group) -> true);

    Authorization may = glass.mayOverride(claim("payments-deploy"), "U0ALICE");
    assertEquals(Authorization.Verdict.REFUSED, may.verdict());
    assertTrue(may.reason().startsWith("nobody may approve payments-deploy during a freeze here"), may.reason());
  }

  @Test
  void givenMalformedBreakGlass_thenTheLoadFailsNamingTheField() {
    ConfigException bad = assertThrows(ConfigException.class, () -> rule("""
        {"routes": [{"pipeline": "*", "channel": "#releases", "approvers": {"users": ["U0ALICE"]},
                     "breakGlass": {"users": ["alice"]}}]}""", (u, g) -> false));
    assertEquals("approvals.json: routes[0].breakGlass.users: \"alice\" is not a Slack user id (U0123ABCD; in "
        + "Slack: profile, More, Copy member ID)", bad.getMessage());
    ConfigException empty = assertThrows(ConfigException.class, () -> rule("""
        {"routes": [{"pipeline": "*", "channel": "#releases", "approvers": {"users": ["U0ALICE"]}}],
         "breakGlass": {}}""", (u, g) -> false));
    assertEquals("approvals.json: breakGlass: name at least one user or group (or leave it out)",
        empty.getMessage());
  }
}
