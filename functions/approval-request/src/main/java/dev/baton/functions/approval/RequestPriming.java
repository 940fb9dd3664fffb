package dev.baton.functions.approval;

import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.priming.PrimingRun;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.PrimingEvents;
import dev.baton.slack.SlackClient;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.bot.TeamsApprovalCards;
import dev.baton.teams.bot.TeamsBotSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The approval request's priming: the function's own object graph and dispatch ({@link RequestWiring}) on DynamoDB,
 * CodePipeline, EventBridge, the Slack secret and Slack answered in the process ({@link PrimingClients},
 * {@code PrimingSlack}) is given each event shape the handler takes, for an approval action the first route covers:
 * the SNS notification (stored, the starter and the freezes looked up, posted with its buttons, the message
 * recorded), the action's STARTED (the execution recorded, who started it looked up), its SUCCEEDED (decided in the
 * console: the message updated), a state change of an action that is no approval, and a stage event; then the
 * JDK's TLS set-up. Where the stack sets up the Teams bot, the route is one with a Teams channel and its card is
 * posted and updated too, through the Bot Connector answered in the process ({@code PrimingTeams}). No call leaves
 * the process.
 */
final class RequestPriming {
  private static final String EXECUTION = "00000000-0000-4000-8000-0000000000d1";

  private RequestPriming() {}

  /** Primes, one path per event shape ({@link PrimingRun#paths}); {@link PrimingRun#finish} ends it. */
  static PrimingRun prime(ApprovalRoutes routes, FreezeCalendar calendar, String table, String secretReference,
                          Optional<TeamsBotSettings> teams) {
    PrimingRun run = PrimingRun.create();
    PrimingClients aws = run.aws();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    RequestWiring wiring = RequestWiring.wire(dynamo, aws.build(CodePipelineClient.builder()),
        SlackClient.builder(secrets.fieldSupplier(secretReference, "botToken")).connector(run.slack()).build(),
        new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default", pause -> { }),
        TeamsApprovalCards.of(teams, new DynamoTeamsCards(dynamo, table), secrets,
            TeamsHttp.builder().connector(run.teams()).build()), routes, calendar, table, Optional.empty());

    // Where the stack sets up the bot, the first route with a Teams channel (its card is posted too).
    Optional<ApprovalRoute> route = routes.routes().stream().filter(r -> teams.isPresent() && r.teams().isPresent())
        .findFirst().or(() -> routes.routes().stream().findFirst());
    String pipeline = route.map(r -> r.pipeline().replace("*", "priming")).orElse("priming");
    String stage = route.map(r -> r.stage().replace("*", "priming")).orElse("Approve");
    String action = route.map(r -> r.action().replace("*", "priming")).orElse("Approval");
    String message = Json.write(Map.of("region", "eu-west-1", "consoleLink", "https://console.aws.amazon.com",
        "approval", Map.of("pipelineName", pipeline, "stageName", stage, "actionName", action, "token", "priming",
            "expires", "2099-01-01T00:00Z", "customData", "priming")));
    String sns = Json.write(Map.of("Records", List.of(Map.of("EventSource", "aws:sns", "EventSubscriptionArn",
        "priming", "Sns", Map.of("MessageId", "priming", "Message", message)))));
    run.path("approval notification (SNS)", () -> wiring.answer(Json.parseObject(sns)));
    run.path("approval action started", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action(pipeline, EXECUTION, stage, action, "STARTED", true))));
    run.path("approval decided outside Slack", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action(pipeline, EXECUTION, stage, action, "SUCCEEDED", true))));
    run.path("action that is no approval", () -> wiring.answer(Json.parseObject(
        PrimingEvents.action(pipeline, EXECUTION, "Build", "Build", "STARTED", false))));
    run.path("stage event", () -> wiring.answer(Json.parseObject(
        PrimingEvents.stage(pipeline, EXECUTION, stage, "STARTED"))));
    return run;
  }
}
