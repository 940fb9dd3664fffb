package dev.baton.functions.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.teams.bot.TeamsBotSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The approval request's priming takes every branch of the handler's dispatch ({@link RequestWiring#answer}: the
 * SNS notification, an approval action's state changes, the events it ignores), each with the calls that branch
 * makes on a real first event, derived from the code, with the repository's approval routes.
 */
class RequestPrimingTest {
  private static final TeamsBotSettings SETTINGS = new TeamsBotSettings("6f3c1a2b-0000-4000-8000-00000000b0b0",
      "contoso.onmicrosoft.com", "baton/teams", "https://login.microsoftonline.com/",
      URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"), "https://graph.microsoft.com/");
  /** A route without Teams first, then one with a Teams channel. */
  private static final String TEAMS_ROUTES = """
      {"routes": [{"name": "sandbox", "pipeline": "sandbox-*", "channel": "C0SANDBOX",
                   "approvers": {"users": ["U0ALICE"]}},
                  {"name": "payments-production", "pipeline": "payments-deploy", "stage": "Approve",
        "channel": "C0PAYMENTS", "approvers": {"users": ["U0ALICE"]},
        "teams": {"conversation": "19:4a1f@thread.tacv2", "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "approvers": {"users": ["8d3e0a52-1f4b-4c6e-9a7d-2b5c8e1f0a93"]}}}]}""";
  @Test
  void givenTheRepositorysRoutes_thenEachEventShapeIsPrimedWithTheCallsItsPathMakes() {
    PrimingRun run = RequestPriming.prime(ApprovalRoutes.load(), FreezeCalendar.of(List.of()), "baton", "baton/slack",
        Optional.empty());

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    // ApprovalRequests.handle: stored once (conditional PutItem, GetItem of what is there), who started the
    // execution (GetPipelineState), the ad-hoc freezes (Query), the bot token, chat.postMessage, the message
    // recorded (UpdateItem), "Baton Approval Requested".
    expected.put("approval notification (SNS)", Set.of("dynamodb:PutItem", "dynamodb:GetItem",
        "codepipeline:GetPipelineState", "dynamodb:Query", "secretsmanager:GetSecretValue", "slack:chat.postMessage",
        "dynamodb:UpdateItem", "events:PutEvents"));
    // ApprovalStateChanges.handle: the action's approvals (Query), the execution recorded (UpdateItem), its starter
    // looked up (GetPipelineExecution).
    expected.put("approval action started", Set.of("dynamodb:Query", "dynamodb:UpdateItem",
        "codepipeline:GetPipelineExecution"));
    // Decided in the console: the status moved (UpdateItem), the approval link beside the execution (PutItem),
    // chat.update, "Baton Approval Decided".
    expected.put("approval decided outside Slack", Set.of("dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem",
        "slack:chat.update", "events:PutEvents"));
    expected.put("action that is no approval", Set.of());
    expected.put("stage event", Set.of());
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
  }

  @Test
  void givenTheTeamsBotAndARouteWithATeamsChannel_thenTheCardIsPrimedBesideTheSlackMessage() {
    PrimingRun run = RequestPriming.prime(ApprovalRoutes.parse("test", Json.parseObject(TEAMS_ROUTES)),
        FreezeCalendar.of(List.of()), "baton", "baton/slack", Optional.of(SETTINGS));

    assertEquals(Map.of(), run.failures());
    // The route with the Teams channel, not the first: the card's lease and record (UpdateItem), the bot's token
    // (entra:token) and the thread started with the card (POST /v3/conversations).
    assertEquals(Set.of("dynamodb:PutItem", "dynamodb:GetItem", "codepipeline:GetPipelineState", "dynamodb:Query",
        "secretsmanager:GetSecretValue", "slack:chat.postMessage", "dynamodb:UpdateItem", "events:PutEvents",
        "entra:token", "botconnector:createConversation"), run.paths().get("approval notification (SNS)"));
    // Decided in the console: the card replaced in place too (PUT .../activities/{id}).
    assertEquals(Set.of("dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "slack:chat.update",
        "botconnector:updateActivity", "events:PutEvents"), run.paths().get("approval decided outside Slack"));
  }
}
