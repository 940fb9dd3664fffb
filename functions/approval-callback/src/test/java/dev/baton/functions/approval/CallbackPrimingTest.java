package dev.baton.functions.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The callback's priming takes each kind of request its Function URL takes (SlackCallback's dispatch: refused,
 * clicks, form submissions, slash commands, release confirmations; and the handler's batonFinish), each with the
 * calls that path makes on a real first request, derived from the code, with the repository's approval routes and
 * command access (release, freeze and unfreeze: user group S0RELEASEMGRS, which the priming user is in as Slack
 * answers here).
 */
class CallbackPrimingTest {
  /** A decision recorded (conditional UpdateItem), PutApprovalResult, the message updated. */
  private static final Set<String> DECIDED = Set.of("dynamodb:UpdateItem", "codepipeline:PutApprovalResult",
      "slack:chat.update");

  @Test
  void givenTheRepositorysConfig_thenEachKindOfRequestIsPrimedWithTheCallsItsPathMakes() {
    PrimingRun run = CallbackPriming.prime("baton", "baton/slack", ApprovalRoutes.load(), FreezeCalendar.of(List.of()),
        Duration.ofMillis(2500));

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    // The signing secret read to check the signature; nothing else.
    expected.put("unsigned request (refused)", Set.of("secretsmanager:GetSecretValue"));
    // An approver of the route (no group look-up); the freezes (Query); decided and finished within the budget.
    expected.put("approve click", decidedAnd("dynamodb:Query"));
    // The asynchronous Invoke; the finish reads the approval (GetItem) and does what the click did not.
    expected.put("hand-off (asynchronous Invoke, then batonFinish)", decidedAnd("lambda:Invoke",
        "dynamodb:GetItem"));
    // The approval read (GetItem), the reason form opened (views.open); nothing decided yet.
    expected.put("reject click (the reason form)", Set.of("dynamodb:GetItem", "slack:views.open"));
    expected.put("reject form submitted", DECIDED);
    // Frozen (Query): the break-glass group looked up (usergroups.users.list), the break-glass form opened.
    expected.put("approve click during a freeze (the break-glass form)", Set.of("dynamodb:GetItem", "dynamodb:Query",
        "slack:usergroups.users.list", "slack:views.open"));
    // Decided with the override, announced in the channel (chat.postMessage).
    expected.put("break-glass form submitted", decidedAnd("dynamodb:Query", "slack:chat.postMessage"));
    // Reads of the history and the freezes: Query only; freeze and unfreeze write the ad-hoc freeze.
    for (String read : List.of("status", "history", "dora", "freezes")) {
      expected.put("/baton " + read, Set.of("dynamodb:Query"));
    }
    expected.put("/baton freeze", Set.of("dynamodb:PutItem"));
    expected.put("/baton unfreeze", Set.of("dynamodb:UpdateItem"));
    expected.put("/baton help", Set.of());
    // The pipeline's releases (Query); the proposal is signed, nothing is written.
    expected.put("/baton release (the proposal)", Set.of("dynamodb:Query"));
    // Answered at the click's response_url only.
    expected.put("release confirmation: Cancel", Set.of("slack:hooks.slack.com/actions"));
    // ReleaseAgain: the release found (Query, GetItem), the request claimed (PutItem), the target's freezes (Query),
    // StartPipelineExecution, the records (UpdateItem), "Baton Release Started", the answer at the response_url.
    expected.put("release confirmation: Start", Set.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
        "codepipeline:StartPipelineExecution", "dynamodb:UpdateItem", "events:PutEvents",
        "slack:hooks.slack.com/actions"));
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
  }

  private static Set<String> decidedAnd(String... more) {
    Set<String> all = new java.util.TreeSet<>(DECIDED);
    all.addAll(List.of(more));
    return all;
  }
}
