package dev.baton.functions.teams;

import dev.baton.core.freeze.FreezeCalendar;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.lambda.AsyncInvoker;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.RequestClock;
import dev.baton.core.json.Json;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.bot.TeamsBotCallback;
import dev.baton.teams.bot.TeamsBotSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The teams-bot function: the Teams bot's messaging endpoint through its Function URL ({@link TeamsBotCallback}:
 * token verified first, then the click decided once, then CodePipeline, the card and the Slack message within
 * {@code BATON_TEAMS_BUDGET_MS}, default 4000), and its own asynchronous hand-offs ({@code {"batonFinish":
 * {"approvalId": ...}}}), which Lambda retries and parks in the dead-letter queue when they cannot finish. This class
 * only wires and delegates; {@link TeamsBotPriming} primes it where SnapStart is on.
 */
public final class TeamsBotHandler implements RequestStreamHandler {
  private static final RequestClock CLOCK = RequestClock.forInitialization(
      System.getenv(Priming.INITIALIZATION_TYPE), System.nanoTime(), System::nanoTime);
  private static final TeamsBotSettings SETTINGS = TeamsBotSettings.fromEnvironment().orElseThrow(
      () -> new IllegalStateException("BATON_TEAMS_APP_ID is not set: the Teams bot needs its Microsoft App ID"));
  private static final String SLACK_SECRET = SecretReference.fromEnvironment("BATON_SLACK_SECRET", "SlackSecret")
      .toString();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Duration BUDGET = Duration.ofMillis(Env.optional("BATON_TEAMS_BUDGET_MS")
      .map(Long::parseLong).orElse(4000L));
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final ApprovalRoutes ROUTES = ApprovalRoutes.load();
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final TeamsBotWiring WIRING = TeamsBotWiring.wire(DynamoClients.defaultClient(), TABLE,
      Env.retentionDays("BATON_RETENTION_DAYS"), CodePipelineStarter.defaultClient(), SECRETS, SLACK_SECRET,
      SlackClient.Connector.JDK, TeamsHttp.builder().maxTotal(Duration.ofMillis(2000)).build(), SETTINGS, ROUTES,
      CALENDAR, BUDGET);
  private static final AsyncInvoker HAND_OFF = AsyncInvoker.withDefaultClient();
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("teams-bot",
      () -> TeamsBotPriming.prime(TABLE, SLACK_SECRET, SETTINGS, ROUTES, CALENDAR, BUDGET).finish(),
      CLOCK::restored);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    long start = CLOCK.requestStart();
    String answer = WIRING.answer(Json.parseObject(input), start,
        SelfHandOff.to(HAND_OFF, context.getInvokedFunctionArn()));
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }
}
