package dev.baton.functions.approval;

import dev.baton.aws.LeanAwsClient;
import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.eventbridge.EventBridgePublisher;
import dev.baton.aws.priming.PrimingClients;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalNotifications;
import dev.baton.core.approval.ApprovalRequests;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.ApprovalStateChanges;
import dev.baton.core.approval.Starters;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.Json;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.PipelineEvents;
import dev.baton.slack.PrimingSlack;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.SlackApprovalMessenger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The approval request's priming: {@link ApprovalRequests} and {@link ApprovalStateChanges} on DynamoDB,
 * CodePipeline, the Slack secret and Slack answered in the process ({@link PrimingClients}, {@link PrimingSlack})
 * handle a sample SNS notification for an approval action the first route covers (stored, the starter and the
 * freezes looked up, posted with its buttons, the message recorded) and that action's STARTED event, then the JDK's
 * TLS set-up. No call
 * leaves the process.
 */
final class RequestPriming {
  private RequestPriming() {}

  /** Primes; returns how many calls the in-process stand-ins answered. */
  static int prime(ApprovalRoutes routes, FreezeCalendar calendar, String table, String secretReference) {
    PrimingClients aws = PrimingClients.create();
    PrimingSlack slack = new PrimingSlack();
    SecretLoader secrets = SecretLoader.builder().secretsManager(aws.lean(LeanAwsClient.SECRETS_MANAGER))
        .ssm(aws.lean(LeanAwsClient.SSM)).build();
    SlackApprovalMessenger messenger = new SlackApprovalMessenger(SlackClient.builder(
        secrets.fieldSupplier(secretReference, "botToken")).connector(slack).build());
    DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
    DynamoApprovalStore store = new DynamoApprovalStore(dynamo, table, Optional.empty());
    CodePipelineApprovals executions = new CodePipelineApprovals(aws.build(CodePipelineClient.builder()));
    EventBridgePublisher events = new EventBridgePublisher(aws.build(EventBridgeClient.builder()), "default",
        pause -> { });
    ApprovalRequests requests = new ApprovalRequests(routes, store, messenger, executions, Clock.systemUTC(),
        Duration.ofSeconds(60), events, new Freezes(calendar, new DynamoFreezeStore(dynamo, table, Optional.empty())),
        ApprovalCards.NONE);
    ApprovalStateChanges changes = new ApprovalStateChanges(store, messenger, new Starters(executions, store),
        events);

    Optional<ApprovalRoute> route = routes.routes().stream().findFirst();
    String pipeline = route.map(r -> r.pipeline().replace("*", "priming")).orElse("priming");
    String stage = route.map(r -> r.stage().replace("*", "priming")).orElse("Approve");
    String action = route.map(r -> r.action().replace("*", "priming")).orElse("Approval");
    String message = Json.write(Map.of("region", "eu-west-1", "consoleLink", "https://console.aws.amazon.com",
        "approval", Map.of("pipelineName", pipeline, "stageName", stage, "actionName", action, "token", "priming",
            "expires", "2099-01-01T00:00Z", "customData", "priming")));
    String sns = Json.write(Map.of("Records", List.of(Map.of("EventSource", "aws:sns", "EventSubscriptionArn",
        "priming", "Sns", Map.of("MessageId", "priming", "Message", message)))));
    for (ApprovalNotifications.Notification n : ApprovalNotifications.parse(Json.parseObject(sns))) {
      requests.handle(n.request());
    }
    String started = Json.write(Map.of("version", "0",
        "id", "priming", "detail-type", "CodePipeline Action Execution State Change", "source", "aws.codepipeline",
        "account", "000000000000", "time", "2026-01-01T00:00:00Z", "region", "eu-west-1",
        "resources", List.of("arn:aws:codepipeline:eu-west-1:000000000000:" + pipeline),
        "detail", Map.of("pipeline", pipeline, "execution-id", "priming", "start-time", "2026-01-01T00:00:00Z",
            "stage", stage, "action", action, "action-execution-id", "priming", "state", "STARTED",
            "type", Map.of("owner", "AWS", "provider", "Manual", "category", "Approval", "version", "1"),
            "version", 1, "pipeline-execution-attempt", 1)));
    changes.handle((ActionExecutionEvent) PipelineEvents.parse(Json.parseObject(started)));
    PrimingClients.primeTls();
    return aws.answered() + slack.answered();
  }
}
