package dev.baton.teams.bot;

import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.approval.Approval;
import dev.baton.core.approval.ApprovalCards;
import dev.baton.core.approval.ApprovalRoute;
import dev.baton.core.approval.TeamsCard;
import dev.baton.core.approval.TeamsCardStore;
import dev.baton.core.approval.TeamsRoute;
import dev.baton.core.log.Log;
import dev.baton.teams.TeamsHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Approval cards in Microsoft Teams through the Bot Connector: posted proactively to the route's channel under a
 * short lease (so one request posts one card, however often it is delivered) and recorded; updated in place
 * ({@link ApprovalCard}) whenever the approval's messages are.
 */
public final class TeamsApprovalCards implements ApprovalCards {
  private final BotConnector connector;
  private final TeamsCardStore store;
  private final Clock clock;
  private final Duration lease;

  public TeamsApprovalCards(BotConnector connector, TeamsCardStore store, Clock clock, Duration lease) {
    this.connector = connector;
    this.store = store;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * The cards of a function whose environment sets up the bot ({@link TeamsBotSettings}), recorded in
   * {@code store}; {@link ApprovalCards#NONE} when it does not (a stack without Teams).
   */
  public static ApprovalCards fromEnvironment(TeamsCardStore store, SecretLoader secrets) {
    return of(TeamsBotSettings.fromEnvironment(), store, secrets, TeamsHttp.builder().build());
  }

  /** The cards of the bot {@code settings} set up, posted through {@code http}; {@link ApprovalCards#NONE} without. */
  public static ApprovalCards of(Optional<TeamsBotSettings> settings, TeamsCardStore store, SecretLoader secrets,
                                 TeamsHttp http) {
    return settings.<ApprovalCards>map(s -> new TeamsApprovalCards(new BotConnector(http, s.tokens(http, secrets)),
        store, Clock.systemUTC(), Duration.ofSeconds(60))).orElse(ApprovalCards.NONE);
  }

  @Override
  public void post(ApprovalRoute route, Approval approval) {
    if (route.teams().isEmpty()) {
      return;
    }
    TeamsRoute teams = route.teams().get();
    Instant now = clock.instant();
    if (!store.claimPosting(approval.id(), now, now.plus(lease))) {
      Log.info("Teams card posted already, or being posted", "approvalId", approval.id());
      return;
    }
    try {
      BotConnector.Thread thread = connector.startThread(teams.serviceUrl(), teams.conversation(),
          ApprovalCard.activity(approval));
      store.record(approval.id(), new TeamsCard(teams.serviceUrl(), thread.conversationId(), thread.activityId()));
      Log.info("approval card posted in Teams", "approvalId", approval.id(), "route", route.name(),
          "activityId", thread.activityId());
    } catch (RuntimeException e) {
      store.releasePosting(approval.id());
      Log.error("approval card could not be posted in Teams; the request will be retried", "approvalId",
          approval.id(), "route", route.name(), "error", e.getMessage());
      throw e;
    }
  }

  @Override
  public void update(Approval approval) {
    approval.teamsCard().ifPresent(c -> connector.update(c.serviceUrl(), c.conversation(), c.activityId(),
        ApprovalCard.activity(approval)));
  }
}
