package dev.baton.functions.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.baton.aws.codepipeline.CodePipelineLookup;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoAlertStore;
import dev.baton.aws.dynamodb.DynamoClients;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.secrets.SecretReference;
import dev.baton.aws.sns.SnsAlertSender;
import dev.baton.core.alerts.AlertOutcome;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.alerts.AlertService;
import dev.baton.core.alerts.FreezeAnnouncer;
import dev.baton.core.alerts.Target;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.FreezeTransitions;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.core.runtime.Env;
import dev.baton.core.runtime.Priming;
import dev.baton.slack.SlackClient;
import dev.baton.slack.alerts.SlackAlertSender;
import dev.baton.slack.alerts.SlackCredentials;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.alerts.TeamsAlertSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The alerts function: CodePipeline state changes from EventBridge in, at most one alert per failed execution
 * attempt out, to the SNS topics, Slack channels and Teams webhooks the routing names. Answers with what it
 * delivered. A malformed event fails the invocation; so does a delivery that failed transiently (after the others
 * were made), so Lambda retries the event, which sends only what is still missing, and then parks it on the
 * on-failure queue.
 *
 * <p>The stack's one-minute schedule ({@code aws.events} {@code Scheduled Event}) invokes it too: then it announces
 * the freezes that started or ended ({@link FreezeAnnouncer}), once each, on the routed channels.
 */
public final class AlertsHandler implements RequestStreamHandler {
  private static final String TABLE = Env.required("BATON_TABLE");
  private static final DynamoDbClient DYNAMO = DynamoClients.defaultClient();
  private static final DynamoAlertStore STORE = new DynamoAlertStore(DYNAMO, TABLE,
      Env.retentionDays("BATON_RETENTION_DAYS"));
  private static final AlertRouting ROUTING = AlertRoutingSource.load();
  private static final SecretLoader SECRETS = SecretLoader.fromEnvironment();
  private static final Optional<String> SLACK_SECRET = SecretReference.optionalFromEnvironment("BATON_SLACK_SECRET",
      "AlertSlackSecret").map(Object::toString);
  private static final SlackCredentials SLACK = new SlackCredentials(SECRETS, SLACK_SECRET);
  private static final SlackAlertSender SLACK_SENDER = new SlackAlertSender(
      SlackClient.builder(() -> SLACK.botToken().orElse("")).maxTotal(Duration.ofSeconds(8)).build(), SLACK);
  private static final SnsAlertSender SNS_SENDER = new SnsAlertSender(SnsAlertSender.defaultClient());
  private static final TeamsAlertSender TEAMS_SENDER = new TeamsAlertSender(
      TeamsHttp.builder().maxTotal(Duration.ofSeconds(8)).build(), SECRETS,
      Env.optional("BATON_TEAMS_ALERTS").filter("Enabled"::equals).isPresent());
  private static final AlertService SERVICE = AlertService.builder(ROUTING, STORE,
          new CodePipelineLookup(CodePipelineStarter.defaultClient()))
      .sender(Target.Type.SNS, SNS_SENDER)
      .sender(Target.Type.SLACK, SLACK_SENDER)
      .sender(Target.Type.SLACK_WEBHOOK, SLACK_SENDER)
      .sender(Target.Type.TEAMS, TEAMS_SENDER)
      .events(EventBridgePublisher.fromEnvironment())
      .build();
  private static final FreezeAnnouncer FREEZES = new FreezeAnnouncer(new FreezeTransitions(FreezeCalendar.load(),
      new DynamoFreezeStore(DYNAMO, TABLE, Env.retentionDays("BATON_RETENTION_DAYS"))), ROUTING, STORE,
      Map.of(Target.Type.SNS, SNS_SENDER, Target.Type.SLACK, SLACK_SENDER, Target.Type.SLACK_WEBHOOK, SLACK_SENDER,
          Target.Type.TEAMS, TEAMS_SENDER));
  @SuppressWarnings("unused")
  private static final Priming PRIMING = Priming.register("alerts",
      () -> AlertsPriming.prime(ROUTING, TABLE, SLACK_SECRET));

  static {
    if ((ROUTING.usesSlackChannels() || ROUTING.usesSlackWebhook()) && !SLACK.configured()) {
      Log.error("the alert routing posts to Slack, but no Slack secret is configured: Slack deliveries will be "
          + "refused until the stack's AlertSlackSecret parameter names one (SNS alerts are not affected)");
    }
    if (ROUTING.usesTeams() && Env.optional("BATON_TEAMS_ALERTS").filter("Enabled"::equals).isEmpty()) {
      Log.error("the alert routing posts to Teams, but the stack was deployed with AlertTeamsWebhooks=Disabled: "
          + "Teams deliveries will be refused until it is Enabled (other alerts are not affected)");
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonObject json = Json.parseObject(input);
    if (isSchedule(json)) {
      List<Map<String, Object>> sent = FREEZES.sweep(Instant.now()).stream().map(FreezeAnnouncer.Delivered::toMap)
          .toList();
      output.write(Json.write(Map.of("announcements", sent)).getBytes(StandardCharsets.UTF_8));
      return;
    }
    var event = PipelineEvents.parse(json);
    Instant deadline = Instant.now().plusMillis(context.getRemainingTimeInMillis());
    AlertOutcome outcome = SERVICE.handle(event, deadline);
    output.write(Json.write(outcome.toMap()).getBytes(StandardCharsets.UTF_8));
  }

  /** The stack's freeze-announcement schedule: an EventBridge scheduled event. */
  private static boolean isSchedule(JsonObject event) {
    return "aws.events".equals(event.optString("source").orElse(null))
        && "Scheduled Event".equals(event.optString("detail-type").orElse(null));
  }
}
