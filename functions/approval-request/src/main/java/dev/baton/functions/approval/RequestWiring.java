package dev.baton.functions.approval;

import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalNotifications;
import dev.baton.core.approval.ApprovalRequests;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.ApprovalStateChanges;
import dev.baton.core.approval.Starters;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.SlackApprovalMessenger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval request's object graph, wired once from its edges (DynamoDB, CodePipeline, Slack, the Teams cards,
 * where Baton's events go), and the dispatch of one event to it ({@link #answer}): by the handler on the real
 * edges, and by {@link RequestPriming} on edges answered in the process.
 */
record RequestWiring(ApprovalRequests requests, ApprovalStateChanges changes, DynamoApprovalStore store) {
  static RequestWiring wire(DynamoDbClient dynamo, CodePipelineClient codePipeline, SlackClient slack,
                            EventPublisher events, ApprovalCards cards, ApprovalRoutes routes, FreezeCalendar calendar,
                            String table, Optional<Duration> retention) {
    DynamoApprovalStore store = new DynamoApprovalStore(dynamo, table, retention);
    SlackApprovalMessenger messenger = new SlackApprovalMessenger(slack);
    CodePipelineApprovals executions = new CodePipelineApprovals(codePipeline);
    ApprovalRequests requests = new ApprovalRequests(routes, store, messenger, executions, Clock.systemUTC(),
        Duration.ofSeconds(60), events, new Freezes(calendar, new DynamoFreezeStore(dynamo, table, retention)), cards);
    ApprovalStateChanges changes = new ApprovalStateChanges(store, cards.alongside(messenger),
        new Starters(executions, store), events);
    return new RequestWiring(requests, changes, store);
  }

  /**
   * The answer to {@code event}: each SNS approval notification stored and posted; an approval action's state change
   * applied to its request; anything else fails, naming what was expected.
   */
  String answer(JsonObject event) {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (ApprovalNotifications.isSnsEvent(event)) {
      List<Map<String, Object>> results = new ArrayList<>();
      for (ApprovalNotifications.Notification n : ApprovalNotifications.parse(event)) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("messageId", n.messageId());
        r.put("approvalId", n.request().id());
        r.put("pipeline", n.request().pipeline());
        r.put("stage", n.request().stage());
        r.put("action", n.request().action());
        r.put("outcome", requests.handle(n.request()).name());
        results.add(r);
      }
      answer.put("approvals", results);
    } else if (PipelineEvents.isPipelineEvent(event)) {
      PipelineEvent e = PipelineEvents.parse(event);
      answer.put("event", e.eventId());
      answer.put("outcome", e instanceof ActionExecutionEvent a ? changes.handle(a).name() : "IGNORED");
    } else {
      throw new MalformedJsonException("$: neither an SNS approval notification (Records[].Sns) nor a CodePipeline "
          + "action execution state change");
    }
    return Json.write(answer);
  }
}
