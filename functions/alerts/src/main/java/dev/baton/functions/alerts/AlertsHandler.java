package dev.baton.functions.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.aws.sns.SnsAlertSender;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.alerts.FreezeAnnouncer;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.log.Log;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.slack.alerts.SlackCredentials;
import dev.baton.teams.TeamsHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The alerts function: CodePipeline state changes from EventBridge in, at most one alert per failed execution
 * attempt out, to the SNS topics, Slack channels and Teams webhooks the routing names. Answers with what it
 * delivered. A malformed event fails the invocation; so does a delivery that failed transiently (after the others
 * were made), so Lambda retries the event, which sends only what is still missing, and then parks it on the
 * on-failure queue.
 *
 * <p>The stack's one-minute schedule ({@code aws.events} {@code Scheduled Event}) invokes it too: then it announces
 * the freezes that started or ended ({@link FreezeAnnouncer}), once each, on the routed channels. This class only
 * wires ({@link AlertsWiring}) and delegates; {@link AlertsPriming} primes it where SnapStart is on.
 */
public final class AlertsHandler implements RequestStreamHandler {
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final AlertRouting ROUTING = AlertRoutingSource.load();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Optional<String> SLACK_SECRET = SecretReference.optionalFromEnvironment("BATON_SLACK_SECRET",
      "AlertSlackSecret").map(Object::toString);
  private static final SlackCredentials SLACK = new SlackCredentials(SECRETS, SLACK_SECRET);
  private static final boolean TEAMS_ENABLED = Env.optional("BATON_TEAMS_ALERTS").filter("Enabled"::equals)
      .isPresent();
  private static final FreezeCalendar CALENDAR = FreezeCalendar.load();
  private static final AlertsWiring WIRING = AlertsWiring.wire(DynamoClients.defaultClient(),
      CodePipelineStarter.defaultClient(), SnsAlertSender.defaultClient(), SECRETS, SLACK, SlackClient.Connector.JDK,
      TeamsHttp.builder().maxTotal(Duration.ofSeconds(8)).build(), TEAMS_ENABLED,
      EventBridgePublisher.fromEnvironment(), ROUTING, CALENDAR, TABLE, Env.retentionDays("BATON_RETENTION_DAYS"));
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("alerts",
      () -> AlertsPriming.prime(ROUTING, CALENDAR, TABLE, SLACK_SECRET, TEAMS_ENABLED).finish());

  static {
    if ((ROUTING.usesSlackChannels() || ROUTING.usesSlackWebhook()) && !SLACK.configured()) {
      Log.error("the alert routing posts to Slack, but no Slack secret is configured: Slack deliveries will be "
          + "refused until the stack's AlertSlackSecret parameter names one (SNS alerts are not affected)");
    }
    if (ROUTING.usesTeams() && !TEAMS_ENABLED) {
      Log.error("the alert routing posts to Teams, but the stack was deployed with AlertTeamsWebhooks=Disabled: "
          + "Teams deliveries will be refused until it is Enabled (other alerts are not affected)");
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Instant deadline = Instant.now().plusMillis(context.getRemainingTimeInMillis());
    output.write(WIRING.answer(Json.parseObject(input), deadline).getBytes(StandardCharsets.UTF_8));
  }
}
