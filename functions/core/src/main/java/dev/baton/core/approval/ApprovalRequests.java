package dev.baton.core.approval;

import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.FreezeLookup;
import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A manual-approval request in, one Slack message out. The approval is stored first (a conditional write keyed by
 * its id, so every delivery of one request meets the same record) together with a short lease on posting; only the
 * holder posts, then records where the message went. A duplicate delivery finds the record and posts nothing; if
 * the holder died before recording a message, a later delivery takes the lease over once it has run out.
 */
public final class ApprovalRequests {
  /** What became of one notification. */
  public enum Outcome { POSTED, DUPLICATE, NO_ROUTE }

  private final ApprovalRoutes routes;
  private final ApprovalStore store;
  private final ApprovalMessenger messenger;
  private final ExecutionLookup executions;
  private final Clock clock;
  private final Duration lease;
  private final EventPublisher events;
  private final FreezeLookup freezes;
  private final ApprovalCards cards;

  public ApprovalRequests(ApprovalRoutes routes, ApprovalStore store, ApprovalMessenger messenger,
                          ExecutionLookup executions, Clock clock, Duration lease) {
    this(routes, store, messenger, executions, clock, lease, EventPublisher.NONE);
  }

  public ApprovalRequests(ApprovalRoutes routes, ApprovalStore store, ApprovalMessenger messenger,
                          ExecutionLookup executions, Clock clock, Duration lease, EventPublisher events) {
    this(routes, store, messenger, executions, clock, lease, events, FreezeLookup.NONE, ApprovalCards.NONE);
  }

  /**
   * With {@code events} publishing {@code Baton Approval Requested} once the message is posted and recorded;
   * {@code freezes} asked before posting: a message posted while its pipeline is frozen shows the freeze (its name,
   * reason and end), so approvers know before they click that Approve is refused; and {@code cards} posting the
   * approval's card on a second surface (Teams) after the Slack message: a failure there fails the request for a
   * retry, which finds the Slack message posted and posts only the card.
   */
  public ApprovalRequests(ApprovalRoutes routes, ApprovalStore store, ApprovalMessenger messenger,
                          ExecutionLookup executions, Clock clock, Duration lease, EventPublisher events,
                          FreezeLookup freezes, ApprovalCards cards) {
    this.freezes = freezes;
    this.cards = cards;
    this.events = events;
    this.routes = routes;
    this.store = store;
    this.messenger = messenger;
    this.executions = executions;
    this.clock = clock;
    this.lease = lease;
  }

  public Outcome handle(ApprovalRequest request) {
    Optional<ApprovalRoute> route = routes.route(request.pipeline(), request.stage(), request.action());
    if (route.isEmpty()) {
      Log.error("no route in config/approvals.json covers this approval action; nothing posted (approve it in the "
          + "console, and add a route)", "pipeline", request.pipeline(), "stage", request.stage(),
          "action", request.action());
      return Outcome.NO_ROUTE;
    }
    String id = request.id();
    Optional<Approval> existing = store.find(id);
    if (existing.isPresent() && !mayPost(existing.get())) {
      postCard(route.get(), existing.get());
      return duplicate(existing.get(), true);
    }
    Optional<String> execution = existing.isPresent() ? Optional.empty() : waitingExecution(request);
    Optional<String> startedBy = execution.flatMap(x -> startedBy(request, x));
    Instant now = clock.instant();
    Approval approval = Approval.pending(request, now, execution, startedBy);
    Optional<Approval> stored = existing.isPresent() ? existing : store.create(approval, now.plus(lease));
    if (stored.isPresent()) {
      if (!mayPost(stored.get()) || !store.takeOverPosting(id, clock.instant(), clock.instant().plus(lease))) {
        return duplicate(stored.get(), false);
      }
      approval = stored.get();
      Log.info("took over posting an approval whose first delivery did not finish", "approvalId", id);
    }
    ApprovalMessenger.Posted posted;
    try {
      posted = messenger.post(route.get().channel(), approval, frozen(request));
      store.recordMessage(id, posted.channel(), posted.ts());
      Log.info("approval request posted", "approvalId", id, "pipeline", request.pipeline(), "stage",
          request.stage(), "action", request.action(), "channel", posted.channel(), "ts", posted.ts(),
          "executionId", approval.executionId().orElse(null),
          "expires", request.expires().map(Instant::toString).orElse(null));
    } catch (RuntimeException e) {
      store.releasePosting(id);
      Log.error("approval request could not be posted; the notification will be retried", "approvalId", id,
          "channel", route.get().channel(), "error", e.getMessage());
      throw e;
    }
    postCard(route.get(), approval);
    ApprovalEvents.requested(approval.withMessage(posted.channel(), posted.ts())).ifPresent(events::publish);
    return Outcome.POSTED;
  }

  /** The card of a pending approval whose Slack message is posted (a retry posts a card the first try could not). */
  private void postCard(ApprovalRoute route, Approval a) {
    if (a.status().pending() && a.teamsCard().isEmpty()) {
      cards.post(route, a);
    }
  }

  private static boolean mayPost(Approval a) {
    return a.status().pending() && !a.posted();
  }

  /**
   * A duplicate posts nothing; one that finds the message posted publishes its request event again (the same id), as
   * it may be Lambda's retry of a delivery whose publishing failed. {@code stored}: the approval as stored (one that
   * lost the race to create it may not see the message yet, and the winner publishes).
   */
  private Outcome duplicate(Approval a, boolean stored) {
    Log.info("duplicate approval notification; nothing posted", "approvalId", a.id(), "status", a.status().name(),
        "posted", a.posted());
    if (stored) {
      ApprovalEvents.requested(a).ifPresent(events::publish);
    }
    return Outcome.DUPLICATE;
  }

  /**
   * The freeze on the request's pipeline now, for the message; when it cannot be told the message goes without it
   * (the click checks the freezes again, and refuses to approve while it cannot).
   */
  private Optional<Freeze> frozen(ApprovalRequest request) {
    try {
      return freezes.at(request.pipeline(), clock.instant());
    } catch (RuntimeException e) {
      Log.warn("could not check the freezes of an approval request; posted without them (a click checks again)",
          "pipeline", request.pipeline(), "error", e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> waitingExecution(ApprovalRequest request) {
    try {
      return executions.waitingExecution(request);
    } catch (RuntimeException e) {
      Log.warn("could not find the execution of an approval request; stored without it (its approval action's "
          + "STARTED event tells it)", "pipeline", request.pipeline(), "error", e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> startedBy(ApprovalRequest request, String executionId) {
    try {
      return executions.startedBy(request.pipeline(), executionId);
    } catch (RuntimeException e) {
      Log.warn("could not find who started the execution of an approval request; stored without it (looked up "
          + "again when it is known, and when someone approves)", "pipeline", request.pipeline(),
          "executionId", executionId, "error", e.getMessage());
      return Optional.empty();
    }
  }
}
