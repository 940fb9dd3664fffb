package dev.baton.functions.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.RequestClock;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.SlackCallback;
import dev.baton.teams.bot.TeamsApprovalCards;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The approval-callback function: Slack's interactivity requests through its Function URL ({@link SlackCallback}:
 * verified, authorised, recorded once, then CodePipeline and the message within {@code BATON_CALLBACK_BUDGET_MS},
 * default 2500, counted as {@link RequestClock} says: from the start of the process on an on-demand cold start, from
 * the restore after a SnapStart restore), and its own asynchronous hand-offs ({@code {"batonFinish": {"approvalId":
 * ...}}}: {@link DecisionFinisher#finish}), which Lambda retries and parks in the dead-letter queue when they cannot
 * finish. Slash commands ({@code /baton}) come through the same URL and the same signature check
 * ({@link Commands}). This class only wires and delegates; {@link CallbackPriming} primes it where SnapStart is on.
 */
public final class ApprovalCallbackHandler implements RequestStreamHandler {
  private static final RequestClock CLOCK = RequestClock.forInitialization(
      System.getenv(Priming.INITIALIZATION_TYPE), System.nanoTime(), System::nanoTime);
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Runnable PREFETCH = Secrets.prefetch(SECRETS, SLACK_SECRET);
  private static final Duration BUDGET = Duration.ofMillis(Env.optional("BATON_CALLBACK_BUDGET_MS")
      .map(Long::parseLong).orElse(2500L));
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final ApprovalRoutes ROUTES = ApprovalRoutes.load();
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final software.amazon.awssdk.services.dynamodb.DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final CallbackWiring WIRING = CallbackWiring.wire(DYNAMO, TABLE,
      Env.retentionDays("BATON_RETENTION_DAYS"), CodePipelineStarter.defaultClient(), SECRETS, SLACK_SECRET,
      SlackClient.Connector.JDK, ROUTES, CALENDAR, BUDGET, EventBridgePublisher.fromEnvironment(),
      TeamsApprovalCards.fromEnvironment(new DynamoTeamsCards(DYNAMO, TABLE), SECRETS));
  private static final AsyncInvoker HAND_OFF = AsyncInvoker.withDefaultClient();
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("approval-callback",
      () -> CallbackPriming.prime(TABLE, SLACK_SECRET, ROUTES, CALENDAR, BUDGET).finish(), () -> {
        CLOCK.restored();
        PREFETCH.run();
      });

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    long start = CLOCK.requestStart();
    String answer = WIRING.answer(Json.parseObject(input), start,
        SelfHandOff.to(HAND_OFF, context.getInvokedFunctionArn()));
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }
}
