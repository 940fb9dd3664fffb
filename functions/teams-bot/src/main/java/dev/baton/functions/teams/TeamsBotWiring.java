package dev.baton.functions.teams;

import dev.baton.aws.codepipeline.CodePipelineApprovals;
import dev.baton.aws.dynamodb.DynamoApprovalStore;
import dev.baton.aws.dynamodb.DynamoFreezeStore;
import dev.baton.aws.dynamodb.DynamoTeamsCards;
import dev.baton.aws.lambda.SelfHandOff;
import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.ApprovalCompletion;
import dev.baton.core.approval.ApprovalDecisions;
import dev.baton.core.approval.ApprovalMessages;
import dev.baton.core.approval.ApprovalMessenger;
import dev.baton.core.approval.ApprovalRoutes;
import dev.baton.core.approval.Authorizer;
import dev.baton.core.approval.BreakGlass;
import dev.baton.core.approval.DecisionFinisher;
import dev.baton.core.approval.GroupMembership;
import dev.baton.core.approval.HandOff;
import dev.baton.core.approval.OverrideAnnouncements;
import dev.baton.core.approval.Starters;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.json.JsonObject;
import dev.baton.slack.SlackClient;
import dev.baton.slack.approval.SlackApprovalMessenger;
import dev.baton.teams.TeamsHttp;
import dev.baton.teams.bot.BotAccessTokens;
import dev.baton.teams.bot.BotConnector;
import dev.baton.teams.bot.BotSigningKeys;
import dev.baton.teams.bot.BotTokenVerifier;
import dev.baton.teams.bot.GraphGroups;
import dev.baton.teams.bot.TeamsApprovalCards;
import dev.baton.teams.bot.TeamsBotCallback;
import dev.baton.teams.bot.TeamsBotSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bot's object graph, wired once from its edges (DynamoDB, CodePipeline, the secrets, how Slack and the Bot
 * Framework are reached): by the handler on the real edges, by {@link TeamsBotPriming} on edges answered in the
 * process. The decision code is the Slack callback's ({@link ApprovalDecisions}, {@link DecisionFinisher}); only the
 * authoriser reads the routes' Teams approvers, and every message update reaches both the Teams card and the Slack
 * message.
 */
record TeamsBotWiring(DynamoApprovalStore store, TeamsBotCallback callback, DecisionFinisher finisher) {
  /** Who started an execution, looked up while Teams waits: at most this long, retries included. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofMillis(1000);
  /** How often a token with an unknown key id may make the bot fetch the Bot Framework's keys again. */
  private static final Duration KEY_REFRESH = Duration.ofMinutes(5);
  /**
   * The break-glass people are Slack users and user groups: an Entra ID user is never one of them, so a card's
   * Approve during a freeze is refused with the freeze named, without asking Slack about an Entra object id.
   */
  private static final GroupMembership NOT_IN_SLACK_GROUPS = (entraUser, slackGroup) -> false;

  static TeamsBotWiring wire(DynamoDbClient dynamo, String table, Optional<Duration> retention,
                             CodePipelineClient codePipeline, SecretLoader secrets, String slackSecret,
                             SlackClient.Connector slack, TeamsHttp teams, TeamsBotSettings settings,
                             ApprovalRoutes routes, FreezeCalendar calendar, Duration budget) {
    DynamoApprovalStore store = new DynamoApprovalStore(dynamo, table, retention);
    BotAccessTokens tokens = settings.tokens(teams, secrets);
    TeamsApprovalCards cards = new TeamsApprovalCards(new BotConnector(teams, tokens),
        new DynamoTeamsCards(dynamo, table), Clock.systemUTC(), Duration.ofSeconds(60));
    SlackClient now = SlackClient.builder(secrets.fieldSupplier(slackSecret, "botToken")).connector(slack)
        .maxAttempts(2).maxTotal(Duration.ofMillis(1500)).readTimeout(Duration.ofMillis(1200)).build();
    SlackClient later = SlackClient.builder(secrets.fieldSupplier(slackSecret, "botToken")).connector(slack).build();
    ApprovalMessenger messengerNow = cards.alongside(new SlackApprovalMessenger(now));
    Authorizer authorizer = Authorizer.forTeams(routes,
        new GraphGroups(teams, tokens.forScope(GraphGroups.SCOPE), settings.graphUrl()),
        new Starters(new CodePipelineApprovals(codePipeline).within(LOOKUP_TIMEOUT), store));
    ApprovalMessenger messengerLater = cards.alongside(new SlackApprovalMessenger(later));
    DecisionFinisher finisher = new DecisionFinisher(
        new ApprovalCompletion(store, new CodePipelineApprovals(codePipeline), Clock.systemUTC()),
        new ApprovalMessages(store, messengerNow), new ApprovalMessages(store, messengerLater),
        new OverrideAnnouncements(store, messengerNow, Clock.systemUTC()),
        new OverrideAnnouncements(store, messengerLater, Clock.systemUTC()), budget, System::nanoTime);
    // The freezes as the Slack callback checks them: a card's Approve is refused while the pipeline is frozen (the
    // break-glass override is Slack's); when they cannot be read, nothing is approved.
    Freezes freezes = new Freezes(calendar, new DynamoFreezeStore(dynamo, table, retention));
    BotTokenVerifier verifier = new BotTokenVerifier(new BotSigningKeys(teams, settings.openIdUrl(), KEY_REFRESH),
        settings.appId(), BotTokenVerifier.DEFAULT_SKEW, Clock.systemUTC());
    TeamsBotCallback callback = new TeamsBotCallback(verifier,
        new ApprovalDecisions(store, authorizer, new BreakGlass(routes, NOT_IN_SLACK_GROUPS), freezes, messengerNow,
            Clock.systemUTC()), finisher, store,
        settings.tenantId());
    return new TeamsBotWiring(store, callback, finisher);
  }

  /**
   * The handler's dispatch of {@code event}, which arrived at {@code startNanos}: a Function URL request goes to the
   * messaging endpoint (slow work handed off through {@code handOff}); a hand-off's {@code batonFinish} is finished.
   */
  String answer(JsonObject event, long startNanos, HandOff handOff) {
    return SelfHandOff.answer(event, request -> callback.handle(request, startNanos, handOff), finisher::finish);
  }
}
