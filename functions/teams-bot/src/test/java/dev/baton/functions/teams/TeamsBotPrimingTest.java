package dev.baton.functions.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Primed;
import dev.baton.teams.bot.TeamsBotSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bot's priming takes each kind of request its Function URL takes (TeamsBotCallback's dispatch: refused, card
 * clicks, other activities; and the handler's batonFinish), through the real token verifier and decision code, each
 * with the calls that path makes on a real first request, derived from the code.
 */
class TeamsBotPrimingTest {
  private static final TeamsBotSettings SETTINGS = new TeamsBotSettings("6f3c1a2b-0000-4000-8000-00000000b0b0",
      "contoso.onmicrosoft.com", "baton/teams", "https://login.microsoftonline.com/",
      URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"), "https://graph.microsoft.com/");
  /** A route whose Teams approvers are a user and a group, as a stack with the bot configures it. */
  private static final String TEAMS_ROUTES = """
      {"routes": [{"name": "payments-production", "pipeline": "payments-deploy", "stage": "Approve",
        "channel": "C0PAYMENTS", "approvers": {"users": ["U0ALICE"]}, "starterMayApprove": false,
        "teams": {"conversation": "19:4a1f@thread.tacv2", "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "approvers": {"users": ["8d3e0a52-1f4b-4c6e-9a7d-2b5c8e1f0a93"],
                        "groups": ["1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"]}}}]}""";
  /** The decision recorded (conditional UpdateItem), PutApprovalResult, the Slack message and the card updated. */
  private static final Set<String> DECIDED = Set.of("dynamodb:UpdateItem", "codepipeline:PutApprovalResult",
      "slack:chat.update", "botconnector:updateActivity");

  /** The bot told to find the Bot Framework's metadata elsewhere (BATON_TEAMS_OPENID_URL), as local runs are. */
  private static final TeamsBotSettings ELSEWHERE = new TeamsBotSettings(SETTINGS.appId(), SETTINGS.tenantId(),
      SETTINGS.secret(), "http://127.0.0.1:9/teams/login/", URI.create("http://127.0.0.1:9/teams/openid"),
      "http://127.0.0.1:9/teams/graph/");

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void givenARouteWithTeamsApprovers_thenEachKindOfRequestIsPrimedWithTheCallsItsPathMakes(boolean elsewhere) {
    PrimingRun run = TeamsBotPriming.prime("baton", "baton/slack", elsewhere ? ELSEWHERE : SETTINGS,
        ApprovalRoutes.parse("test", Json.parseObject(TEAMS_ROUTES)), FreezeCalendar.of(List.of()),
        Duration.ofMillis(4000));

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    // Refused before anything is read: no token to verify.
    expected.put("activity with no token (refused)", Set.of());
    // The first verified token fetches the Bot Framework's metadata and keys; a listed user (no Graph); the
    // freezes (Query); decided and finished within the budget, the Slack token (GetSecretValue: the bot token and
    // the client secret) and the Bot Connector's token (entra:token) fetched; the approval read back for the answer.
    expected.put("approve card click", with(DECIDED, "botframework:openid-metadata", "botframework:keys",
        "dynamodb:Query", "secretsmanager:GetSecretValue", "entra:token", "dynamodb:GetItem"));
    // A member of the route's group: Graph asked with its own token (entra:token, Graph's scope); a Reject is not
    // checked against freezes.
    expected.put("reject card click with a reason", with(DECIDED, "entra:token", "graph:checkMemberGroups",
        "dynamodb:GetItem"));
    // Refused on the token's tenant before any read.
    expected.put("card click from another tenant (refused)", Set.of());
    // The asynchronous Invoke; the finish reads the approval (GetItem) and does what the click did not.
    expected.put("hand-off (asynchronous Invoke, then batonFinish)", with(DECIDED, "lambda:Invoke",
        "dynamodb:GetItem"));
    expected.put("activity that is no card click (acknowledged)", Set.of());
    // The approval read, the freeze found (Query): refused, nothing written or called.
    expected.put("approve card click during a freeze (refused)", Set.of("dynamodb:GetItem", "dynamodb:Query"));
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
    Primed primed = run.finish();
    assertTrue(primed.callsAnsweredInProcess() >= 30, primed::toString);
  }

  @Test
  void givenTheRepositorysRoutesWithoutTeamsApprovers_thenTheClicksArePrimedAsTheRefusalsTheyAre() {
    PrimingRun run = prime(ApprovalRoutes.load());

    Map<String, Set<String>> paths = run.paths();
    assertEquals(Map.of(), run.failures());
    // Verified (the keys fetched), then refused: the route names no approvers in Teams. Nothing decided.
    assertEquals(Set.of("botframework:openid-metadata", "botframework:keys", "dynamodb:GetItem"),
        paths.get("approve card click"));
    assertEquals(Set.of("dynamodb:GetItem"), paths.get("reject card click with a reason"));
  }

  private static PrimingRun prime(ApprovalRoutes routes) {
    return TeamsBotPriming.prime("baton", "baton/slack", SETTINGS, routes, FreezeCalendar.of(List.of()),
        Duration.ofMillis(4000));
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new TreeSet<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
