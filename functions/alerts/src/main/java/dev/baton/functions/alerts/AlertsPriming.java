package dev.baton.functions.alerts;

import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.codepipeline.CodePipelineLookup;
import dev.baton.aws.dynamodb.DynamoAlertStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.aws.sns.SnsAlertSender;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.alerts.AlertService;
import dev.baton.core.alerts.Target;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.slack.PrimingSlack;
import dev.baton.slack.alerts.SlackAlertSender;
import dev.baton.slack.alerts.SlackCredentials;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.alerts.TeamsAlertSender;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The alerts function's priming: an {@link AlertService} with the function's routing, on DynamoDB, CodePipeline,
 * SNS, the Slack secret and Slack all answered in the process ({@link PrimingClients}, {@link PrimingSlack}), handles
 * a sample failed action on a pipeline named {@code priming}: parsing, routing, the conditional alert claim, the
 * CodePipeline look-ups, the SNS message and Publish, the Slack blocks and chat.postMessage, the delivery log, then
 * the JDK's TLS set-up. No call leaves the process.
 */
final class AlertsPriming {
  private AlertsPriming() {}

  /** Primes; returns how many calls the in-process stand-ins answered. */
  static int prime(AlertRouting routing, String table, Optional<String> slackSecret) {
    PrimingClients aws = PrimingClients.create();
    PrimingSlack slack = new PrimingSlack();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    SlackCredentials credentials = new SlackCredentials(secrets, slackSecret.or(() -> Optional.of("priming")));
    SlackAlertSender slackSender = new SlackAlertSender(PrimingSlack.client(slack), credentials);
    AlertService service = AlertService.builder(routing,
            new DynamoAlertStore(aws.build(DynamoDbClient.builder()), table, Optional.empty()),
            new CodePipelineLookup(aws.build(CodePipelineClient.builder())))
        .sender(Target.Type.SNS, new SnsAlertSender(aws.build(SnsClient.builder())))
        .sender(Target.Type.SLACK, slackSender)
        .sender(Target.Type.SLACK_WEBHOOK, slackSender)
        // disabled: a Teams target of the routing is refused in the process (teams_not_enabled), never posted
        .sender(Target.Type.TEAMS, new TeamsAlertSender(TeamsHttp.builder().build(), secrets, false))
        .events(new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }))
        .build();
    service.handle(PipelineEvents.primingSample(), Instant.now().plus(Duration.ofSeconds(30)));
    PrimingClients.primeTls();
    return aws.answered() + slack.answered();
  }
}
