package dev.baton.core.approval;

import dev.baton.core.events.EventPublisher;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.ExecutionState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The approval action's own state changes (EventBridge): STARTED tells the execution id of a waiting approval (and
 * so who started it, when the request could not find out);
 * SUCCEEDED, FAILED, CANCELED and ABANDONED of an approval still PENDING in Baton mean it was decided in the console,
 * timed out or was stopped, and the Slack message is updated to say so. An approval Baton decided itself is not
 * touched (its own PutApprovalResult causes these events too). Either way the event ends the approval action, so it
 * writes the history's view of the approval under its execution (the approval link): the callback leaves that to
 * this event, which costs no read here (the candidates' query returns the whole items).
 */
public final class ApprovalStateChanges {
  /** What the event did. */
  public enum Outcome { IGNORED, EXECUTION_RECORDED, UPDATED, LINKED, NO_MATCH }

  private static final int CANDIDATES = 10;
  private final ApprovalStore store;
  private final ApprovalMessages messages;
  private final Starters starters;
  private final EventPublisher events;

  public ApprovalStateChanges(ApprovalStore store, ApprovalMessenger messenger, Starters starters) {
    this(store, messenger, starters, EventPublisher.NONE);
  }

  /**
   * With {@code events} publishing the approval's end ({@link ApprovalEvents#ended}) when CodePipeline reports it:
   * a decision made in Slack or elsewhere, a timeout, a stopped execution. Every report of the end publishes the
   * same event again (the same id), after Baton's record of it.
   */
  public ApprovalStateChanges(ApprovalStore store, ApprovalMessenger messenger, Starters starters,
                              EventPublisher events) {
    this.events = events;
    this.store = store;
    this.messages = new ApprovalMessages(store, messenger);
    this.starters = starters;
  }

  public Outcome handle(ActionExecutionEvent e) {
    if (!e.isApproval()) {
      return Outcome.IGNORED;
    }
    List<Approval> candidates = store.forAction(e.pipeline(), e.stage(), e.action(), CANDIDATES);
    Optional<Approval> match = candidates.stream()
        .filter(a -> a.executionId().filter(e.executionId()::equals).isPresent()).findFirst()
        .or(() -> candidates.stream().filter(a -> a.status().pending() && a.executionId().isEmpty()
            && !a.requestedAt().isAfter(e.time().plus(Duration.ofMinutes(5)))).findFirst());
    if (match.isEmpty()) {
      Log.info("approval action event without a matching approval", "pipeline", e.pipeline(), "stage", e.stage(),
          "action", e.action(), "executionId", e.executionId(), "state", e.state().name());
      return Outcome.NO_MATCH;
    }
    Approval a = match.get();
    if (a.executionId().isEmpty()) {
      store.recordExecution(a.id(), e.executionId());
    }
    ApprovalStatus to;
    String note;
    Optional<String> summary = e.result().externalExecutionSummary();
    switch (e.state()) {
      case STARTED -> {
        if (a.status().pending()) {
          starters.fill(a, a.executionId().orElse(e.executionId()));
        }
        return Outcome.EXECUTION_RECORDED;
      }
      case SUCCEEDED -> {
        to = ApprovalStatus.APPROVED_ELSEWHERE;
        note = summary.orElse("Approved outside Slack (console or CLI).");
      }
      case FAILED -> {
        boolean timedOut = summary.isEmpty() && a.request().expires()
            .map(x -> !e.time().isBefore(x.minus(Duration.ofMinutes(2)))).orElse(false);
        to = timedOut ? ApprovalStatus.EXPIRED : ApprovalStatus.REJECTED_ELSEWHERE;
        note = timedOut ? a.request().expiredNote() : summary.orElse("Rejected outside Slack (console or CLI).");
      }
      default -> {
        to = ApprovalStatus.CANCELED;
        note = "The execution was " + e.state().name().toLowerCase(java.util.Locale.ROOT)
            + "; the approval is no longer needed.";
      }
    }
    if (!a.status().pending() || !store.finish(a.id(), EnumSet.of(ApprovalStatus.PENDING), to, Optional.of(note),
        e.time())) {
      return linkDecided(a, e);
    }
    Log.info("approval ended outside Slack", "approvalId", a.id(), "status", to.name(), "executionId",
        e.executionId());
    Approval ended = a.withStatus(to, Optional.of(note), Optional.of(e.time()));
    messages.publish(ended);
    store.link(ended, to, e.time());
    ApprovalEvents.ended(ended).ifPresent(events::publish);
    return Outcome.UPDATED;
  }

  /**
   * The approval link of an approval that was not pending when the action ended (decided in Slack, or marked
   * expired by a click): as recorded; while the callback has not recorded CodePipeline's answer yet, as the event
   * shows it (the action SUCCEEDED after an approval, FAILED after a rejection: the decision was applied).
   */
  private Outcome linkDecided(Approval a, ActionExecutionEvent e) {
    Optional<Approval> stored = a.status().pending() ? store.find(a.id()) : Optional.of(a);
    if (stored.isEmpty() || stored.get().status().pending()) {
      return Outcome.IGNORED;
    }
    Approval s = stored.get();
    ApprovalStatus shown = s.status();
    if (s.status().deciding() && s.decision().isPresent()
        && s.decision().get().approve() == (e.state() == ExecutionState.SUCCEEDED)) {
      shown = s.decision().get().done();
    }
    store.link(s.withStatus(shown, Optional.empty(), Optional.empty()), shown, e.time());
    // published again for a redelivered event: the same event (its id and time are the recorded ones)
    ApprovalEvents.ended(s).ifPresent(events::publish);
    return Outcome.LINKED;
  }
}
