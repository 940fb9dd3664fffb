package dev.baton.core.release;

import dev.baton.core.events.Actor;
import dev.baton.core.events.EventPublisher;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.log.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts a pipeline again with an artifact it was released with before: the newest one it started, or a named one.
 * First a {@link #propose proposal} (what would start, as a {@link ReleaseRequest} to confirm), then its
 * {@link #confirm confirmation}, which starts at most one execution however often it comes: the request's record is
 * claimed with a conditional write, and StartPipelineExecution carries a token derived from the request. A frozen
 * pipeline is refused, with the freeze named, at both steps (not held: whoever asked is there to ask again, while a
 * held request would start unattended, long after they stopped expecting it).
 */
public final class ReleaseAgain {
  /** How long a proposal may be confirmed. */
  public static final Duration CONFIRM_WITHIN = Duration.ofMinutes(10);
  /** How far back the pipeline's releases are searched for a named version. */
  static final int SEARCHED = 100;

  private final ReleaseRequests store;
  private final PipelineStarter starter;
  private final Freezes freezes;
  private final EventPublisher publisher;
  private final ReleaseEvents events;
  private final Clock clock;
  private final Duration lease;

  public ReleaseAgain(ReleaseRequests store, PipelineStarter starter, Freezes freezes, EventPublisher publisher,
                      String region, Clock clock) {
    this.store = store;
    this.starter = starter;
    this.freezes = freezes;
    this.publisher = publisher;
    this.events = new ReleaseEvents(region);
    this.clock = clock;
    this.lease = Duration.ofSeconds(60);
  }

  /** What {@link #propose} found. */
  public sealed interface Proposal {
    /** Ready to confirm: {@code artifact} is the record whose artifact would start. */
    record Ready(ReleaseRequest request, Released artifact) implements Proposal {}

    record Frozen(Freeze freeze) implements Proposal {}

    /** The pipeline has no started release on record. */
    record NothingReleased() implements Proposal {}

    /** No started release matches {@code version}; {@code newest} are the ones that could be named. */
    record NoSuchVersion(String version, List<Released> newest) implements Proposal {}
  }

  /** What {@link #confirm} did. */
  public sealed interface Confirmation {
    record Started(ReleaseRecord release, String executionId) implements Confirmation {}

    /** This request was confirmed before and has finished (started or failed): nothing more was done. */
    record AlreadyDone(Released release) implements Confirmation {}

    /** Another confirmation of this request is starting it now. */
    record InProgress() implements Confirmation {}

    record Frozen(Freeze freeze) implements Confirmation {}

    record Expired() implements Confirmation {}

    /** Someone other than the asker confirmed. */
    record NotTheAsker() implements Confirmation {}

    /** The release record it names is no longer stored (retention), or is not of this pipeline. */
    record Gone() implements Confirmation {}

    /** CodePipeline refused the start for good; recorded FAILED. */
    record Failed(ReleaseRecord release, String reason) implements Confirmation {}
  }

  /**
   * The release of {@code pipeline} that {@code version} names (any of: the S3 object version id, the object key,
   * its file name, the execution id or its first 8 characters, as {@code /baton history} shows it), or the newest
   * started one; proposed to {@code by}.
   */
  public Proposal propose(String pipeline, Optional<String> version, Requester by) {
    Instant now = clock.instant();
    Optional<Freeze> freeze = freezes.at(pipeline, now);
    if (freeze.isPresent()) {
      return new Proposal.Frozen(freeze.get());
    }
    List<Released> all = store.released(pipeline, SEARCHED);
    List<Released> started = all.stream().filter(r -> r.record().status() == ReleaseStatus.STARTED).toList();
    Optional<Released> target = version.map(v -> started.stream().filter(r -> names(r.record(), v)).findFirst())
        .orElseGet(() -> started.stream().findFirst());
    if (target.isEmpty()) {
      return version.<Proposal>map(v -> new Proposal.NoSuchVersion(v, started.stream().limit(5).toList()))
          .orElseGet(Proposal.NothingReleased::new);
    }
    ReleaseRecord r = target.get().record();
    // The newest record of the pipeline is part of the id: asked twice before either is confirmed, one request;
    // asked again after it started, a new one.
    String id = ReleaseRule.token(pipeline + "\n" + r.object().bucket() + "/" + r.object().key() + "\n"
        + target.get().ref() + "\n" + all.getFirst().ref()).substring("baton-".length());
    return new Proposal.Ready(new ReleaseRequest(id, pipeline, r.object().bucket(), r.object().key(),
        target.get().ref(), by.userId(), now.plus(CONFIRM_WITHIN)), target.get());
  }

  /** Starts the request, once, if it is still the asker's, unexpired, and the pipeline is not frozen. */
  public Confirmation confirm(ReleaseRequest request, Requester by) {
    Instant now = clock.instant();
    if (!now.isBefore(request.expires())) {
      return new Confirmation.Expired();
    }
    if (!by.userId().equals(request.userId())) {
      return new Confirmation.NotTheAsker();
    }
    Optional<Freeze> freeze = freezes.at(request.pipeline(), now);
    if (freeze.isPresent()) {
      return new Confirmation.Frozen(freeze.get());
    }
    Optional<Released> source = store.find(request.bucket(), request.key(), request.ref())
        .filter(s -> s.record().pipeline().equals(request.pipeline()));
    if (source.isEmpty()) {
      return new Confirmation.Gone();
    }
    ReleasePlan from = source.get().record().plan();
    ReleasePlan plan = new ReleasePlan(from.object(), from.rule(), from.pipeline(), from.variables(),
        from.sourceRevision(), ReleaseRule.token("request\n" + request.id()));
    ReleaseRecord starting = ReleaseRecord.starting(plan, now, now.plus(lease));
    Optional<Released> existing = store.claimRequest(request.id(), starting, by);
    if (existing.isPresent()) {
      ReleaseRecord found = existing.get().record();
      if (found.isFinal()) {
        Log.info("release request confirmed again; already done", "request", request.id(), "status",
            found.status().name(), "executionId", found.executionId().orElse(null));
        return new Confirmation.AlreadyDone(existing.get());
      }
      if (found.leaseUntil().isAfter(now) || !store.takeOverRequest(request.id(), starting, now, now.plus(lease))) {
        return new Confirmation.InProgress();
      }
      starting = found;
    }
    return start(request, starting, by);
  }

  private Confirmation start(ReleaseRequest request, ReleaseRecord starting, Requester by) {
    Actor actor = Actor.slackUser(by.userId(), by.name());
    try {
      String executionId = starter.start(starting.plan());
      Instant at = clock.instant();
      store.markRequestStarted(request.id(), starting, by, executionId, at);
      Log.info("release started on request", "request", request.id(), "pipeline", starting.pipeline(), "object",
          starting.object().toString(), "user", by.userId(), "executionId", executionId);
      events.event(outcome(starting, ReleaseOutcome.Kind.STARTED, Optional.of(executionId), Optional.empty(), at),
          actor, "request:" + request.id()).ifPresent(publisher::publish);
      return new Confirmation.Started(starting, executionId);
    } catch (ReleaseRejectedException e) {
      Instant at = clock.instant();
      store.markRequestFailed(request.id(), starting, e.getMessage(), at);
      Log.warn("release on request failed", "request", request.id(), "pipeline", starting.pipeline(), "reason",
          e.getMessage());
      events.event(outcome(starting, ReleaseOutcome.Kind.FAILED, Optional.empty(), Optional.of(e.getMessage()), at),
          actor, "request:" + request.id()).ifPresent(publisher::publish);
      return new Confirmation.Failed(starting, e.getMessage());
    } catch (RuntimeException e) {
      store.releaseRequestLease(request.id(), starting, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  private static ReleaseOutcome outcome(ReleaseRecord r, ReleaseOutcome.Kind kind, Optional<String> executionId,
                                        Optional<String> reason, Instant at) {
    return new ReleaseOutcome(r.object(), kind, Optional.of(r.rule()), Optional.of(r.pipeline()), executionId, reason,
        Optional.of(at));
  }

  /** Whether {@code version} names {@code r}: its version id, key, file name, or execution id (or its first 8). */
  static boolean names(ReleaseRecord r, String version) {
    return r.object().versionId().map(version::equals).orElse(false) || r.object().key().equals(version)
        || r.object().fileName().equals(version) || r.executionId().map(x -> x.equals(version)
            || (version.length() >= 8 && x.startsWith(version))).orElse(false);
  }
}
