package dev.baton.functions.alerts;

import dev.baton.aws.codepipeline.CodePipelineLookup;
import dev.baton.aws.dynamodb.DynamoAlertStore;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.sns.SnsAlertSender;
import dev.baton.core.alerts.AlertOutcome;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.alerts.AlertService;
import dev.baton.core.alerts.FreezeAnnouncer;
import dev.baton.core.alerts.Target;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.FreezeTransitions;
import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.slack.SlackClient;
import dev.baton.slack.alerts.SlackAlertSender;
import dev.baton.slack.alerts.SlackCredentials;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.alerts.TeamsAlertSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The alerts function's object graph, wired once from its edges (DynamoDB, CodePipeline, SNS, the secrets, how
 * Slack and Teams are reached, where Baton's events go), and the dispatch of one event to it ({@link #answer}): by
 * the handler on the real edges, and by {@link AlertsPriming} on edges answered in the process.
 */
record AlertsWiring(AlertService service, FreezeAnnouncer announcer, DynamoFreezeStore freezes) {
  static AlertsWiring wire(DynamoDbClient dynamo, CodePipelineClient codePipeline, SnsClient sns,
                           SecretLoader secrets, SlackCredentials slackCredentials, SlackClient.Connector slack,
                           TeamsHttp teams, boolean teamsEnabled, EventPublisher events, AlertRouting routing,
                           FreezeCalendar calendar, String table, Optional<Duration> retention) {
    DynamoAlertStore store = new DynamoAlertStore(dynamo, table, retention);
    SlackAlertSender slackSender = new SlackAlertSender(SlackClient.builder(
        () -> slackCredentials.botToken().orElse("")).connector(slack).maxTotal(Duration.ofSeconds(8)).build(),
        slackCredentials);
    SnsAlertSender snsSender = new SnsAlertSender(sns);
    TeamsAlertSender teamsSender = new TeamsAlertSender(teams, secrets, teamsEnabled);
    AlertService service = AlertService.builder(routing, store, new CodePipelineLookup(codePipeline))
        .sender(Target.Type.SNS, snsSender)
        .sender(Target.Type.SLACK, slackSender)
        .sender(Target.Type.SLACK_WEBHOOK, slackSender)
        .sender(Target.Type.TEAMS, teamsSender)
        .events(events)
        .build();
    DynamoFreezeStore freezes = new DynamoFreezeStore(dynamo, table, retention);
    FreezeAnnouncer announcer = new FreezeAnnouncer(new FreezeTransitions(calendar, freezes), routing, store,
        Map.of(Target.Type.SNS, snsSender, Target.Type.SLACK, slackSender, Target.Type.SLACK_WEBHOOK, slackSender,
            Target.Type.TEAMS, teamsSender));
    return new AlertsWiring(service, announcer, freezes);
  }

  /**
   * The answer to {@code event}: the stack's schedule announces the freezes that started or ended; a CodePipeline
   * state change is alerted on, its deliveries made before {@code deadline}.
   */
  String answer(JsonObject event, Instant deadline) {
    if (isSchedule(event)) {
      List<Map<String, Object>> sent = announcer.sweep(Instant.now()).stream()
          .map(FreezeAnnouncer.Delivered::toMap).toList();
      return Json.write(Map.of("announcements", sent));
    }
    AlertOutcome outcome = service.handle(PipelineEvents.parse(event), deadline);
    return Json.write(outcome.toMap());
  }

  /** The stack's freeze-announcement schedule: an EventBridge scheduled event. */
  private static boolean isSchedule(JsonObject event) {
    return "aws.events".equals(event.optString("source").orElse(null))
        && "Scheduled Event".equals(event.optString("detail-type").orElse(null));
  }
}
