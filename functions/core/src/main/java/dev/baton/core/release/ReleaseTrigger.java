package dev.baton.core.release;

import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.freeze.WhenFrozen;
import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one upload into at most one pipeline start. The release is claimed with a conditional write before the
 * start; a second delivery finds the claim and does nothing, or waits briefly for a start in progress to finish, or
 * takes over a claim whose holder died (its lease ran out). The start itself carries a token derived from the
 * upload, so a taken-over start is the same request to CodePipeline.
 *
 * <p>A delivery that finds a start still in progress after its wait does not report DUPLICATE: the holder may have
 * died, and then only a later delivery, after the lease, can finish the release. It fails with
 * {@link ReleaseInProgressException}, so that Lambda retries the event (a minute later, then two): the retry reports
 * DUPLICATE, or takes over.
 *
 * <p>While the pipeline is frozen ({@link Freezes}), the claim is a HELD record (the plan, the upload and the
 * freeze, so nothing of its provenance is lost), or a DROPPED one where the freeze says so. {@link #releaseHeld()},
 * run by a schedule, starts each held release whose pipeline is no longer frozen: a conditional HELD -> STARTING
 * lets one sweep only start it, with the token the upload would have started it with.
 */
public final class ReleaseTrigger {
  private final ReleaseRules rules;
  private final ReleaseStore store;
  private final PipelineStarter starter;
  private final Clock clock;
  private final Duration lease;
  private final Duration waitForOther;
  private final EventPublisher publisher;
  private final ReleaseEvents events;
  private final Optional<Freezes> freezes;

  private ReleaseTrigger(Builder b) {
    this.rules = b.rules;
    this.store = b.store;
    this.starter = b.starter;
    this.clock = b.clock;
    this.lease = b.lease;
    this.waitForOther = b.waitForOther;
    this.publisher = b.publisher;
    this.events = new ReleaseEvents(b.region);
    this.freezes = Optional.ofNullable(b.freezes);
  }

  public static Builder builder(ReleaseRules rules, ReleaseStore store, PipelineStarter starter) {
    return new Builder(rules, store, starter);
  }

  public ReleaseOutcome handle(S3Object object) {
    ReleasePlan plan;
    try {
      Optional<ReleasePlan> match = rules.plan(object);
      if (match.isEmpty()) {
        Log.info("no release rule matches; ignored", "object", object.toString());
        return ReleaseOutcome.noRule(object);
      }
      plan = match.get();
    } catch (ReleaseRejectedException e) {
      return recordFailure(ReleaseRecord.failed(e.plan(), clock.instant(), e.getMessage()));
    }

    Instant now = clock.instant();
    Optional<Freeze> freeze = freezes.flatMap(f -> f.at(plan.pipeline(), now));
    if (freeze.isPresent()) {
      return hold(plan, now, freeze.get());
    }
    Optional<ReleaseRecord> existing = store.claim(ReleaseRecord.starting(plan, now, now.plus(lease)));
    if (existing.isPresent() && existing.get().status() == ReleaseStatus.HELD) {
      events.held(existing.get()).ifPresent(publisher::publish);
      return ReleaseOutcome.of(ReleaseOutcome.Kind.DUPLICATE, log(existing.get(), "duplicate delivery of a held "
          + "release; ignored"));
    }
    if (existing.isPresent() && !mayTakeOver(existing.get(), object)) {
      return published(ReleaseOutcome.of(ReleaseOutcome.Kind.DUPLICATE, log(existing.get(),
          "duplicate delivery; its event is published again (the same id)")));
    }
    return start(plan);
  }

  private ReleaseOutcome hold(ReleasePlan plan, Instant now, Freeze freeze) {
    ReleaseHold hold = new ReleaseHold(freeze.describe(), now, freeze.until());
    boolean drop = freeze.whenFrozen() == WhenFrozen.DROP;
    ReleaseRecord record = drop ? ReleaseRecord.dropped(plan, now, hold, "dropped: " + plan.pipeline()
        + " is frozen by " + freeze.describe() + " until " + freeze.until()) : ReleaseRecord.held(plan, now, hold);
    Optional<ReleaseRecord> existing = store.claim(record);
    if (existing.isPresent() && existing.get().status() == ReleaseStatus.STARTING
        && mayTakeOver(existing.get(), plan.object())) {
      return start(plan);   // claimed before the freeze began, and its first start died: it finishes as it began
    }
    if (existing.isPresent()) {
      events.held(existing.get()).ifPresent(publisher::publish);   // the same id: this may be a retry of the hold
      return ReleaseOutcome.of(ReleaseOutcome.Kind.DUPLICATE, log(existing.get(), "duplicate delivery; ignored"));
    }
    Log.info(drop ? "pipeline frozen; release dropped" : "pipeline frozen; release held until the freeze ends",
        "object", plan.object().toString(), "rule", plan.rule(), "pipeline", plan.pipeline(), "freeze",
        freeze.describe(), "until", freeze.until().toString());
    events.held(record).ifPresent(publisher::publish);
    return ReleaseOutcome.of(drop ? ReleaseOutcome.Kind.DROPPED : ReleaseOutcome.Kind.HELD, record);
  }

  /**
   * Starts every held release whose pipeline is no longer frozen, once: the sweep that moves it HELD -> STARTING
   * starts it; a release another sweep is starting is left to it, one whose start died (lease over) is taken over.
   * A failure to start one release does not stop the others; the first is thrown at the end, and the next sweep
   * retries it (it stays waiting, its lease given back).
   */
  public List<ReleaseOutcome> releaseHeld() {
    List<ReleaseOutcome> outcomes = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (ReleaseRecord waiting : store.waiting()) {
      Instant now = clock.instant();
      Optional<Freeze> freeze = freezes.flatMap(f -> f.at(waiting.pipeline(), now));
      if (freeze.isPresent()) {
        continue;
      }
      boolean ours = switch (waiting.status()) {
        case HELD -> store.releaseHold(waiting.object(), now, now.plus(lease));
        case STARTING -> !waiting.leaseUntil().isAfter(now) && store.takeOver(waiting.object(), now, now.plus(lease));
        default -> false;
      };
      if (!ours) {
        continue;
      }
      Log.info("freeze over; starting the held release", "object", waiting.object().toString(), "pipeline",
          waiting.pipeline(), "heldBy", waiting.hold().map(ReleaseHold::freeze).orElse(""));
      try {
        outcomes.add(start(waiting.plan()));
      } catch (RuntimeException e) {
        Log.error("held release could not be started now; the next sweep retries it", "object",
            waiting.object().toString(), "error", e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
    return outcomes;
  }

  private ReleaseOutcome start(ReleasePlan plan) {
    return published(startRecorded(plan));
  }

  private ReleaseOutcome startRecorded(ReleasePlan plan) {
    ReleaseRecord starting = ReleaseRecord.starting(plan, clock.instant(), clock.instant());
    try {
      String executionId = starter.start(plan);
      Instant startedAt = clock.instant();
      store.markStarted(starting, executionId, startedAt);
      Log.info("release started", "object", plan.object().toString(), "rule", plan.rule(), "pipeline",
          plan.pipeline(), "executionId", executionId);
      return new ReleaseOutcome(plan.object(), ReleaseOutcome.Kind.STARTED, Optional.of(plan.rule()),
          Optional.of(plan.pipeline()), Optional.of(executionId), Optional.empty(), Optional.of(startedAt));
    } catch (ReleaseRejectedException e) {
      Instant failedAt = clock.instant();
      store.markFailed(plan.object(), plan.pipeline(), e.getMessage(), failedAt);
      Log.warn("release failed", "object", plan.object().toString(), "rule", plan.rule(), "pipeline",
          plan.pipeline(), "reason", e.getMessage());
      return new ReleaseOutcome(plan.object(), ReleaseOutcome.Kind.FAILED, Optional.of(plan.rule()),
          Optional.of(plan.pipeline()), Optional.empty(), Optional.of(e.getMessage()), Optional.of(failedAt));
    } catch (RuntimeException e) {
      store.releaseLease(plan.object(), e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  /**
   * For an upload someone already claimed: true when this delivery should start it after all (the claim's holder
   * died and the claim is now ours), false when it is a duplicate of a finished release.
   */
  private boolean mayTakeOver(ReleaseRecord found, S3Object object) {
    long waitUntil = System.nanoTime() + waitForOther.toNanos();
    long pause = 25;
    ReleaseRecord current = found;
    while (true) {
      if (current.isFinal()) {
        return false;
      }
      Instant now = clock.instant();
      if (!current.leaseUntil().isAfter(now)) {
        if (store.takeOver(object, now, now.plus(lease))) {
          Log.info("took over a release whose first attempt did not finish", "object", object.toString(),
              "attempts", current.attempts() + 1);
          return true;
        }
      } else if (System.nanoTime() - waitUntil > 0) {
        Log.warn("another delivery of this upload is still starting its pipeline (it died, or is slow); this "
            + "delivery fails so that Lambda retries it: by then the release is done (the retry reports DUPLICATE) "
            + "or the other's lease has run out (the retry takes over, with the same clientRequestToken)",
            "object", object.toString(), "pipeline", current.pipeline(), "leaseUntil", current.leaseUntil().toString(),
            "waited", waitForOther.toString());
        throw new ReleaseInProgressException("another delivery of " + object + " is starting " + current.pipeline()
            + " (lease until " + current.leaseUntil() + "); failing for Lambda to retry this event");
      }
      sleep(pause);
      pause = Math.min(pause * 2, 400);
      current = store.find(object).orElseThrow(() -> new IllegalStateException("release record vanished: " + object));
    }
  }

  private ReleaseOutcome recordFailure(ReleaseRecord failed) {
    Optional<ReleaseRecord> existing = store.claim(failed);
    if (existing.isPresent()) {
      return published(ReleaseOutcome.of(ReleaseOutcome.Kind.DUPLICATE, log(existing.get(),
          "duplicate delivery; its event is published again (the same id)")));
    }
    Log.warn("release failed", "object", failed.object().toString(), "rule", failed.rule(), "reason",
        failed.reason().orElse(""));
    return published(ReleaseOutcome.of(ReleaseOutcome.Kind.FAILED, failed));
  }

  /**
   * Publishes the outcome's event, after the outcome was recorded. A duplicate delivery publishes it again with the
   * same id: the delivery may be Lambda's retry of an invocation whose publishing failed.
   */
  private ReleaseOutcome published(ReleaseOutcome outcome) {
    events.event(outcome).ifPresent(publisher::publish);
    return outcome;
  }

  private static ReleaseRecord log(ReleaseRecord r, String message) {
    Log.info(message, "object", r.object().toString(), "status", r.status().name(), "pipeline", r.pipeline(),
        "executionId", r.executionId().orElse(null));
    return r;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Options; the defaults suit Lambda. */
  public static final class Builder {
    private final ReleaseRules rules;
    private final ReleaseStore store;
    private final PipelineStarter starter;
    private Clock clock = Clock.systemUTC();
    private Duration lease = Duration.ofSeconds(60);
    private Duration waitForOther = Duration.ofSeconds(5);
    private EventPublisher publisher = EventPublisher.NONE;
    private String region = "";
    private Freezes freezes;

    private Builder(ReleaseRules rules, ReleaseStore store, PipelineStarter starter) {
      this.rules = rules;
      this.store = store;
      this.starter = starter;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a claim stays with a delivery that is starting the pipeline before another may take over. */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /** How long a second delivery waits for a start in progress before it asks to be retried. */
    public Builder waitForOther(Duration wait) {
      this.waitForOther = wait;
      return this;
    }

    /**
     * Where the {@code Baton Release Started} and {@code Baton Release Failed} events go (none by default), and the
     * region their console links point to.
     */
    public Builder events(EventPublisher publisher, String region) {
      this.publisher = publisher;
      this.region = region;
      return this;
    }

    /** Holds (or drops) releases into frozen pipelines; without it, no pipeline is ever frozen. */
    public Builder freezes(Freezes freezes) {
      this.freezes = freezes;
      return this;
    }

    public ReleaseTrigger build() {
      return new ReleaseTrigger(this);
    }
  }
}
