package dev.baton.functions.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.teams.bot.TeamsApprovalCards;
import dev.baton.teams.bot.TeamsBotSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * parked in the approvals dead-letter queue. This class only wires ({@link RequestWiring}) and delegates;
 * {@link RequestPriming} primes it where SnapStart is on.
 */
public final class ApprovalRequestHandler implements RequestStreamHandler {
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final ApprovalRoutes ROUTES = ApprovalRoutes.load();
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  /** Slack messages, and Teams cards beside them when the stack sets up the Teams bot. */
  private static final RequestWiring WIRING = RequestWiring.wire(DYNAMO, CodePipelineStarter.defaultClient(),
      SlackClient.fromEnvironment(SECRETS.fieldSupplier(SLACK_SECRET, "botToken")),
      EventBridgePublisher.fromEnvironment(), TeamsApprovalCards.fromEnvironment(new DynamoTeamsCards(DYNAMO, TABLE),
          SECRETS), ROUTES, CALENDAR, TABLE, Env.retentionDays("BATON_RETENTION_DAYS"));
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("approval-request",
      () -> RequestPriming.prime(ROUTES, CALENDAR, TABLE, SLACK_SECRET, TeamsBotSettings.fromEnvironment())
          .finish());

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    output.write(WIRING.answer(Json.parseObject(input)).getBytes(StandardCharsets.UTF_8));
  }
}
