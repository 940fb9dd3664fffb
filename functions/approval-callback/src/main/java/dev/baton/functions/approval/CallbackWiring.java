package dev.baton.functions.approval;

import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.codepipeline.CodePipelineStarter;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalCompletion;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalMessages;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.approval.BreakGlass;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.OverrideAnnouncements;
import dev.baton.core.approval.Starters;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.JsonObject;
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
 * CodePipeline, the secret, how Slack is reached, where Baton's events go): by the handler on the real edges, and by {@link CallbackPriming} on edges answered in the process, so
 * priming runs exactly the code a click runs.
 */
record CallbackWiring(DynamoApprovalStore store, SlackCallback callback, DecisionFinisher finisher) {
  /** Who started an execution, looked up while Slack waits: at most this long, retries included. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);

  static CallbackWiring wire(DynamoDbClient dynamo, String table, Optional<Duration> retention,
                             CodePipelineClient codePipeline, SecretLoader secrets, String secret,
                             SlackClient.Connector slack, ApprovalRoutes routes, FreezeCalendar calendar,
                             Duration budget, EventPublisher events) {
    return wire(dynamo, table, retention, codePipeline, secrets, secret, slack, routes, calendar, budget, events,
        ApprovalCards.NONE);
  }

  /** With {@code cards}: every update of a Slack message also updates the approval's Teams card. */
  static CallbackWiring wire(DynamoDbClient dynamo, String table, Optional<Duration> retention,
                             CodePipelineClient codePipeline, SecretLoader secrets, String secret,
                             SlackClient.Connector slack, ApprovalRoutes routes, FreezeCalendar calendar,
                             Duration budget, EventPublisher events, ApprovalCards cards) {
    DynamoApprovalStore store = new DynamoApprovalStore(dynamo, table, retention);
    // For work on Slack's clock: at most two tries, 1.5 s in all; for handed-off work, the default budget.
    SlackClient now = SlackClient.builder(secrets.fieldSupplier(secret, "botToken")).connector(slack)
        .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
    SlackClient later = SlackClient.builder(secrets.fieldSupplier(secret, "botToken")).connector(slack).build();
    SlackApprovalMessenger messengerNow = new SlackApprovalMessenger(now);
    SlackGroups groups = new SlackGroups(now);
    Authorizer authorizer = new Authorizer(routes, groups,
        new Starters(new CodePipelineApprovals(codePipeline).within(LOOKUP_TIMEOUT), store));
    SlackApprovalMessenger messengerLater = new SlackApprovalMessenger(later);
    DecisionFinisher finisher = new DecisionFinisher(
        new ApprovalCompletion(store, new CodePipelineApprovals(codePipeline), Clock.systemUTC()),
        new ApprovalMessages(store, cards.alongside(messengerNow)),
        new ApprovalMessages(store, cards.alongside(messengerLater)),
        new OverrideAnnouncements(store, messengerNow, Clock.systemUTC()),
        new OverrideAnnouncements(store, messengerLater, Clock.systemUTC()), budget, System::nanoTime);
    Freezes freezes = new Freezes(calendar, new DynamoFreezeStore(dynamo, table, retention));
    SlackCallback callback = new SlackCallback(
        new SlackSignature(secrets.fieldSupplier(secret, "signingSecret"), Clock.systemUTC()),
        new ApprovalDecisions(store, authorizer, new BreakGlass(routes, groups), freezes, messengerNow,
            Clock.systemUTC()), finisher, System::nanoTime,
        Optional.of(Commands.create(dynamo, table, retention, freezes, groups, new CodePipelineStarter(codePipeline),
            events, secrets.fieldSupplier(secret, "signingSecret"), now)));
    return new CallbackWiring(store, callback, finisher);
  }

  /**
   * The handler's dispatch of {@code event}, which arrived at {@code startNanos}: a Function URL request goes to the
   * callback (slow work handed off through {@code handOff}); a hand-off's {@code batonFinish} is finished.
   */
  String answer(JsonObject event, long startNanos, HandOff handOff) {
    return SelfHandOff.answer(event, request -> callback.handle(request, startNanos, handOff), finisher::finish);
  }
}
