package dev.baton.functions.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The approval request's priming takes every branch of the handler's dispatch ({@link RequestWiring#answer}: the
 * SNS notification, an approval action's state changes, the events it ignores), each with the calls that branch
 * makes on a real first event, derived from the code, with the repository's approval routes.
 */
class RequestPrimingTest {
  @Test
  void givenTheRepositorysRoutes_thenEachEventShapeIsPrimedWithTheCallsItsPathMakes() {
    PrimingRun run = RequestPriming.prime(ApprovalRoutes.load(), FreezeCalendar.of(List.of()), "baton", "baton/slack");

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
    // chat.update, "Baton
    // Approval Decided".
    expected.put("approval decided outside Slack", Set.of("dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem",
        "slack:chat.update", "events:PutEvents"));
    expected.put("action that is no approval", Set.of());
    expected.put("stage event", Set.of());
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
  }
}
