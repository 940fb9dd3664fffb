package dev.baton.functions.alerts;

import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PrimingEvents;
import dev.baton.slack.alerts.SlackCredentials;
import dev.baton.teams.TeamsHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The alerts function's priming: the function's own object graph and dispatch ({@link AlertsWiring}) with its
 * routing, on DynamoDB, CodePipeline, SNS, EventBridge, the Slack secret and Slack answered in the process
 * ({@link PrimingClients}, {@code PrimingSlack}), is given each event shape the handler takes, on a pipeline named
 * {@code priming}: a failed CodeBuild action (routing, the alert claim, the CodePipeline look-ups, the SNS message
 * and Publish, the Slack blocks and chat.postMessage, the delivery log, "Baton Alert Raised"), its execution's
 * FAILED, a later execution's SUCCEEDED (the recovery), an event no alert is for, and the schedule's freeze
 * announcements (an ad-hoc freeze on {@code priming} put in priming's table just before, so the sweep announces it),
 * then the JDK's TLS set-up. Teams deliveries go as the stack lets them ({@code teamsEnabled}): to the Workflows
 * webhooks answered in the process ({@code PrimingTeams}), or refused. No call leaves the process.
 */
final class AlertsPriming {
  private static final String FAILED = "00000000-0000-4000-8000-0000000000b1";
  private static final String RECOVERED = "00000000-0000-4000-8000-0000000000b2";

  private AlertsPriming() {}

  /** Primes, one path per event shape ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(AlertRouting routing, FreezeCalendar calendar, String table, Optional<String> slackSecret,
                          boolean teamsEnabled) {
    PrimingRun run = PrimingRun.create();
    PrimingClients aws = run.aws();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    // A Slack secret even where none is configured, so the Slack path is primed (the real one refuses it then).
    SlackCredentials credentials = new SlackCredentials(secrets, slackSecret.or(() -> Optional.of("priming")));
    AlertsWiring wiring = AlertsWiring.wire(aws.build(DynamoDbClient.builder()),
        aws.build(CodePipelineClient.builder()),
        aws.build(SnsClient.builder()), secrets, credentials, run.slack(),
        TeamsHttp.builder().connector(run.teams()).build(), teamsEnabled,
        new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }), routing, calendar,
        table, Optional.empty());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    run.path("failed action", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action("priming", FAILED, "Build", "Build", "FAILED", false)), deadline));
    run.path("failed execution", () -> wiring.answer(Json.parseObject(
        PrimingEvents.execution("priming", FAILED, "FAILED")), deadline));
    run.path("succeeded execution after a failure", () -> wiring.answer(Json.parseObject(
        PrimingEvents.execution("priming", RECOVERED, "SUCCEEDED")), deadline));
    run.path("event no alert is for", () -> wiring.answer(Json.parseObject(
        PrimingEvents.stage("priming", RECOVERED, "Build", "STARTED")), deadline));
    Instant now = Instant.now();
    wiring.freezes().put(new AdHocFreeze("priming", "priming", "U0PRIMING", now.minusSeconds(30),
        now.plusSeconds(3600)));
    run.path("freeze announcements (schedule)", () -> wiring.answer(Json.parseObject(PrimingEvents.schedule()),
        deadline));
    return run;
  }
}
