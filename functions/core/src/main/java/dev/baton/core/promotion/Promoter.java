package dev.baton.core.promotion;

import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.freeze.WhenFrozen;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.release.ReleaseHold;
import dev.baton.core.release.ReleaseInProgressException;
import dev.baton.core.release.ReleaseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one succeeded execution into at most one start per promotion target. Each promotion is claimed with a
 * conditional write before its start, and the start carries a token derived from the source execution and the
 * target, so duplicate and out-of-order deliveries start nothing twice; only SUCCEEDED starts anything. A target
 * frozen is HELD as a release is, and started once by {@link #promoteHeld()} (the release sweep's schedule). The
 * target's own approval gates apply: a promotion is only a start.
 *
 * <p>A redelivery that finds a start in progress (its holder's lease not over) fails with
 * {@link ReleaseInProgressException}, so that Lambda retries it: by then the promotion is done, or the holder died
 * and the retry takes over with the same {@code clientRequestToken}.
 */
public final class Promoter {
  private final Promotions promotions;
  private final SourceResolver sources;
  private final PromotionStore store;
  private final PromotionStarter starter;
  private final Optional<Freezes> freezes;
  private final EventPublisher publisher;
  private final PromotionEvents events;
  private final Clock clock;
  private final Duration lease;

  public Promoter(Promotions promotions, SourceResolver sources, PromotionStore store, PromotionStarter starter,
                  Optional<Freezes> freezes, EventPublisher publisher, String region, Clock clock) {
    this.promotions = promotions;
    this.sources = sources;
    this.store = store;
    this.starter = starter;
    this.freezes = freezes;
    this.publisher = publisher;
    this.events = new PromotionEvents(region);
    this.clock = clock;
    this.lease = Duration.ofSeconds(60);
  }

  /**
   * The promotions of {@code event}'s execution, if it SUCCEEDED and some promotion watches its pipeline. A transient
   * failure of one promotion does not stop the others; the first is thrown at the end (the retry finds the others
   * done).
   */
  public List<PromotionOutcome> handle(PipelineExecutionEvent event) {
    if (event.state() != ExecutionState.SUCCEEDED || !promotions.watches(event.header().pipeline())) {
      return List.of();
    }
    SourceExecution recorded = sources.resolve(event);
    List<PromotionRule> rules = promotions.of(recorded);
    if (rules.isEmpty()) {
      Log.info("succeeded execution not promoted: no promotion takes it", "pipeline", recorded.pipeline(),
          "executionId", recorded.executionId(), "releasedBy", recorded.releaseRule().orElse(""), "branch",
          recorded.branch().orElse(""));
      return List.of();
    }
    SourceExecution source = sources.fromCodePipeline(recorded);
    List<PromotionOutcome> outcomes = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (PromotionRule rule : rules) {
      try {
        outcomes.add(promote(rule, source));
      } catch (RuntimeException e) {
        Log.error("promotion could not be started now; the event will be retried", "pipeline", source.pipeline(),
            "executionId", source.executionId(), "to", rule.to(), "error", e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
    return outcomes;
  }

  private PromotionOutcome promote(PromotionRule rule, SourceExecution source) {
    Instant now = clock.instant();
    PromotionPlan plan;
    try {
      plan = rule.plan(source);
    } catch (PromotionRejectedException e) {
      PromotionRecord failed = PromotionRecord.failed(e.plan(), now, e.getMessage());
      Optional<PromotionRecord> existing = store.claim(failed);
      if (existing.isPresent()) {
        return duplicate(existing.get());
      }
      Log.warn("promotion failed", "promotion", failed.key().toString(), "rule", rule.name(), "reason",
          e.getMessage());
      return PromotionOutcome.of(PromotionOutcome.Kind.FAILED, failed);
    }
    Optional<Freeze> freeze = freezes.flatMap(f -> f.at(plan.target(), now));
    if (freeze.isPresent()) {
      return hold(plan, now, freeze.get());
    }
    Optional<PromotionRecord> existing = store.claim(PromotionRecord.starting(plan, now, now.plus(lease)));
    if (existing.isPresent() && !mayTakeOver(existing.get(), now)) {
      return duplicate(existing.get());
    }
    return start(plan);
  }

  private PromotionOutcome hold(PromotionPlan plan, Instant now, Freeze freeze) {
    ReleaseHold hold = new ReleaseHold(freeze.describe(), now, freeze.until());
    boolean drop = freeze.whenFrozen() == WhenFrozen.DROP;
    PromotionRecord record = drop ? PromotionRecord.dropped(plan, now, hold, "dropped: " + plan.target()
        + " is frozen by " + freeze.describe() + " until " + freeze.until()) : PromotionRecord.held(plan, now, hold);
    Optional<PromotionRecord> existing = store.claim(record);
    if (existing.isPresent() && existing.get().status() == ReleaseStatus.STARTING && mayTakeOver(existing.get(), now)) {
      return start(plan);   // claimed before the freeze began, and its first start died: it finishes as it began
    }
    if (existing.isPresent()) {
      return duplicate(existing.get());
    }
    Log.info(drop ? "target frozen; promotion dropped" : "target frozen; promotion held until the freeze ends",
        "promotion", plan.key().toString(), "rule", plan.rule(), "freeze", freeze.describe(), "until",
        freeze.until().toString());
    events.event(record).ifPresent(publisher::publish);
    return PromotionOutcome.of(drop ? PromotionOutcome.Kind.DROPPED : PromotionOutcome.Kind.HELD, record);
  }

  /**
   * Starts every held promotion whose target is no longer frozen, once (the sweep that moves it HELD -> STARTING
   * starts it). A failure to start one does not stop the others; the first is thrown at the end, and the next sweep
   * retries it.
   */
  public List<PromotionOutcome> promoteHeld() {
    List<PromotionOutcome> outcomes = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (PromotionRecord waiting : store.waiting()) {
      Instant now = clock.instant();
      if (freezes.flatMap(f -> f.at(waiting.plan().target(), now)).isPresent()) {
        continue;
      }
      boolean ours = switch (waiting.status()) {
        case HELD -> store.releaseHold(waiting.key(), now, now.plus(lease));
        case STARTING -> !waiting.leaseUntil().isAfter(now) && store.takeOver(waiting.key(), now, now.plus(lease));
        default -> false;
      };
      if (!ours) {
        continue;
      }
      Log.info("freeze over; starting the held promotion", "promotion", waiting.key().toString(), "heldBy",
          waiting.hold().map(ReleaseHold::freeze).orElse(""));
      try {
        outcomes.add(start(waiting.plan()));
      } catch (RuntimeException e) {
        Log.error("held promotion could not be started now; the next sweep retries it", "promotion",
            waiting.key().toString(), "error", e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
    return outcomes;
  }

  private PromotionOutcome start(PromotionPlan plan) {
    PromotionRecord starting = PromotionRecord.starting(plan, clock.instant(), clock.instant());
    try {
      String executionId = starter.start(plan);
      Instant startedAt = clock.instant();
      store.markStarted(starting, executionId, startedAt);
      Log.info("promotion started", "promotion", plan.key().toString(), "rule", plan.rule(), "executionId",
          executionId);
      PromotionRecord started = new PromotionRecord(plan, ReleaseStatus.STARTED, starting.requestedAt(),
          Optional.of(startedAt), Optional.of(executionId), Optional.empty(), startedAt, 1, Optional.empty());
      events.event(started).ifPresent(publisher::publish);
      return PromotionOutcome.of(PromotionOutcome.Kind.STARTED, started);
    } catch (PromotionRejectedException e) {
      store.markFailed(plan.key(), e.getMessage(), clock.instant());
      Log.warn("promotion failed", "promotion", plan.key().toString(), "rule", plan.rule(), "reason", e.getMessage());
      return new PromotionOutcome(plan.key(), plan.rule(), PromotionOutcome.Kind.FAILED, Optional.empty(),
          Optional.of(e.getMessage()));
    } catch (RuntimeException e) {
      store.releaseLease(plan.key(), e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  /** A claim someone else made: true when it is ours now (its holder's lease ran out and we took it over). */
  private boolean mayTakeOver(PromotionRecord found, Instant now) {
    if (found.isFinal() || found.status() == ReleaseStatus.HELD) {
      return false;
    }
    if (!found.leaseUntil().isAfter(now) && store.takeOver(found.key(), now, now.plus(lease))) {
      Log.info("took over a promotion whose first attempt did not finish", "promotion", found.key().toString(),
          "attempts", found.attempts() + 1);
      return true;
    }
    throw new ReleaseInProgressException("another delivery is starting promotion " + found.key() + " (lease until "
        + found.leaseUntil() + "); failing for Lambda to retry this event");
  }

  /** Already claimed and finished (or held): its event is published again with the same id, nothing else. */
  private PromotionOutcome duplicate(PromotionRecord existing) {
    Log.info("duplicate delivery of a promoted execution; its event is published again (the same id)", "promotion",
        existing.key().toString(), "status", existing.status().name(), "executionId",
        existing.executionId().orElse(null));
    events.event(existing).ifPresent(publisher::publish);
    return PromotionOutcome.of(PromotionOutcome.Kind.DUPLICATE, existing);
  }
}
