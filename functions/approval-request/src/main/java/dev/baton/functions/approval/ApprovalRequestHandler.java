package dev.baton.functions.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalNotifications;
import dev.baton.core.approval.ApprovalRequests;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.ApprovalStateChanges;
import dev.baton.core.approval.Starters;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.json.MalformedJsonException;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.SlackApprovalMessenger;
import dev.baton.teams.bot.TeamsApprovalCards;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval-request function. Two triggers:
 * <ul>
 *   <li>the SNS topic approval actions notify: each request is stored once and posted to its route's channel with
 *       Approve and Reject buttons, and the freeze on its pipeline if there is one (a duplicate delivery posts
 *       nothing), and to its Teams channel as a card when the route has one and the stack sets up the Teams bot;</li>
 *   <li>EventBridge {@code CodePipeline Action Execution State Change} of Approval actions: the execution id of a
 *       waiting request is recorded (and who started it, if the request could not find out), and a request decided
 *       in the console, expired or stopped has its message updated.</li>
 * </ul>
 * A malformed event fails the invocation with the field named; a failure to post is retried by Lambda and then
 * parked in the approvals dead-letter queue.
 */
public final class ApprovalRequestHandler implements RequestStreamHandler {
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final SlackClient SLACK = SlackClient.fromEnvironment(SECRETS.fieldSupplier(SLACK_SECRET, "botToken"));
  private static final DynamoApprovalStore STORE = new DynamoApprovalStore(DYNAMO, TABLE,
      Env.retentionDays("BATON_RETENTION_DAYS"));
  private static final SlackApprovalMessenger MESSENGER = new SlackApprovalMessenger(SLACK);
  private static final CodePipelineApprovals EXECUTIONS =
      new CodePipelineApprovals(CodePipelineStarter.defaultClient());
  private static final EventBridgePublisher EVENTS = EventBridgePublisher.fromEnvironment();
  private static final ApprovalRoutes ROUTES = ApprovalRoutes.load();
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  /** Teams cards beside the Slack messages, when the stack sets up the Teams bot. */
  private static final ApprovalCards CARDS = TeamsApprovalCards.fromEnvironment(new DynamoTeamsCards(DYNAMO, TABLE),
      SECRETS);
  private static final ApprovalRequests REQUESTS = new ApprovalRequests(ROUTES, STORE, MESSENGER,
      EXECUTIONS, Clock.systemUTC(), Duration.ofSeconds(60), EVENTS, new Freezes(CALENDAR,
          new DynamoFreezeStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS"))), CARDS);
  private static final ApprovalStateChanges CHANGES = new ApprovalStateChanges(STORE, CARDS.alongside(MESSENGER),
      new Starters(EXECUTIONS, STORE), EVENTS);
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("approval-request",
      () -> RequestPriming.prime(ROUTES, CALENDAR, TABLE, SLACK_SECRET));

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonObject event = Json.parseObject(input);
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
        r.put("outcome", REQUESTS.handle(n.request()).name());
        results.add(r);
      }
      answer.put("approvals", results);
    } else if (PipelineEvents.isPipelineEvent(event)) {
      PipelineEvent e = PipelineEvents.parse(event);
      answer.put("event", e.eventId());
      answer.put("outcome", e instanceof ActionExecutionEvent a ? CHANGES.handle(a).name() : "IGNORED");
    } else {
      throw new MalformedJsonException("$: neither an SNS approval notification (Records[].Sns) nor a CodePipeline "
          + "action execution state change");
    }
    output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
  }
}
