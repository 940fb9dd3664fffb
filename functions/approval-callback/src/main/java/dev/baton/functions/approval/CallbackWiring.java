package dev.baton.functions.approval;

import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalCompletion;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalMessages;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.Starters;
import dev.baton.slack.SlackClient;
import dev.baton.slack.SlackSignature;
import dev.baton.slack.approval.SlackApprovalMessenger;
import dev.baton.slack.approval.SlackCallback;
import dev.baton.slack.approval.SlackGroups;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The callback's object graph (clicks, hand-offs and {@code /baton} commands), wired once from its edges (DynamoDB,
 * CodePipeline, the secret, how Slack is reached): by the handler on the real edges, and by {@link CallbackPriming} on edges answered in the process, so
 * priming runs exactly the code a click runs.
 */
record CallbackWiring(DynamoApprovalStore store, SlackCallback callback, DecisionFinisher finisher) {
  /** Who started an execution, looked up while Slack waits: at most this long, retries included. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);

  static CallbackWiring wire(DynamoDbClient dynamo, String table, Optional<Duration> retention,
                             CodePipelineClient codePipeline, SecretLoader secrets, String secret,
                             SlackClient.Connector slack, ApprovalRoutes routes, Duration budget) {
    return wire(dynamo, table, retention, codePipeline, secrets, secret, slack, routes, budget, ApprovalCards.NONE);
  }

  /** With {@code cards}: every update of a Slack message also updates the approval's Teams card. */
  static CallbackWiring wire(DynamoDbClient dynamo, String table, Optional<Duration> retention,
                             CodePipelineClient codePipeline, SecretLoader secrets, String secret,
                             SlackClient.Connector slack, ApprovalRoutes routes, Duration budget,
                             ApprovalCards cards) {
    DynamoApprovalStore store = new DynamoApprovalStore(dynamo, table, retention);
    // For work on Slack's clock: at most two tries, 1.5 s in all; for handed-off work, the default budget.
    SlackClient now = SlackClient.builder(secrets.fieldSupplier(secret, "botToken")).connector(slack)
        .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
    SlackClient later = SlackClient.builder(secrets.fieldSupplier(secret, "botToken")).connector(slack).build();
    SlackApprovalMessenger messengerNow = new SlackApprovalMessenger(now);
    SlackGroups groups = new SlackGroups(now);
    Authorizer authorizer = new Authorizer(routes, groups,
        new Starters(new CodePipelineApprovals(codePipeline).within(LOOKUP_TIMEOUT), store));
    DecisionFinisher finisher = new DecisionFinisher(
        new ApprovalCompletion(store, new CodePipelineApprovals(codePipeline), Clock.systemUTC()),
        new ApprovalMessages(store, cards.alongside(messengerNow)),
        new ApprovalMessages(store, cards.alongside(new SlackApprovalMessenger(later))),
        budget, System::nanoTime);
    SlackCallback callback = new SlackCallback(
        new SlackSignature(secrets.fieldSupplier(secret, "signingSecret"), Clock.systemUTC()),
        new ApprovalDecisions(store, authorizer, messengerNow, Clock.systemUTC()), finisher, System::nanoTime,
        Optional.of(Commands.create(dynamo, table, retention, groups)));
    return new CallbackWiring(store, callback, finisher);
  }
}
