package dev.baton.core.alerts;

import dev.baton.core.events.EventPublisher;
import dev.baton.core.log.Log;
import dev.baton.core.pipeline.ActionExecutionEvent;
import dev.baton.core.pipeline.ExecutionState;
import dev.baton.core.pipeline.PipelineEvent;
import dev.baton.core.pipeline.PipelineExecutionEvent;
import dev.baton.core.pipeline.StageExecutionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns CodePipeline state changes into alerts people can act on, once each.
 *
 * <ul>
 *   <li>Alerts on: action and stage FAILED (the earliest signal), pipeline FAILED and STOPPED, pipeline SUCCEEDED
 *       where the route asks for it, and a recovery when a pipeline succeeds after its previous outcome was a
 *       failure. An approval action that FAILED was rejected or timed out.</li>
 *   <li>One main alert per execution attempt ({@link NoticeKey#main}), created with a conditional write: however
 *       many actions fail and however often an event is redelivered, later events of the attempt find it. A
 *       further failed action becomes a follow-up (a reply in the execution's Slack thread, not another SNS
 *       message); the thread's parent is edited when the pipeline reaches its final state.</li>
 *   <li>Each target is delivered and recorded on its own (claimed, sent, logged), so Slack being down never holds up
 *       SNS or the other way round, and a retry of the event sends only what is not delivered yet. Refusals that a
 *       retry will not fix are logged with what to fix and not retried; transient failures fail the invocation
 *       after all other deliveries were made ({@link AlertDeliveryException}), so Lambda retries the event.</li>
 * </ul>
 */
public final class AlertService {
  private final AlertRouting routing;
  private final AlertStore store;
  private final AlertFactory factory;
  private final Map<Target.Type, AlertSender> senders;
  private final Clock clock;
  private final Duration threadWait;
  private final Duration timePerDelivery;

  private AlertService(Builder b) {
    this.routing = b.routing;
    this.store = b.store;
    this.factory = new AlertFactory(b.lookup, b.store);
    this.senders = new EnumMap<>(b.senders);
    this.clock = b.clock;
    this.threadWait = b.threadWait;
    this.timePerDelivery = b.timePerDelivery;
  }

  public static Builder builder(AlertRouting routing, AlertStore store, ExecutionLookup lookup) {
    return new Builder(routing, store, lookup);
  }

  /**
   * Handles one event. {@code deadline} is when the invocation must have answered: deliveries that would not fit
   * are left for the retry, and a claim is held until just after it.
   *
   * @throws AlertDeliveryException when some delivery failed transiently (after all others were made)
   */
  public AlertOutcome handle(PipelineEvent event, Instant deadline) {
    String what = describe(event);
    Optional<AlertKind> candidate = candidate(event);
    if (candidate.isEmpty()) {
      Log.info("event needs no alert", "event", what);
      return new AlertOutcome(what, "ignored: Baton does not alert on this state", List.of());
    }
    Route route = routing.route(event.pipeline());
    Run run = new Run(event, route, deadline);
    NoticeKey mainKey = NoticeKey.main(event.pipeline(), event.executionId(), event.attempt());

    PreviousOutcome previous = PreviousOutcome.NONE;
    if (event instanceof PipelineExecutionEvent p) {
      previous = store.recordOutcome(p.pipeline(), p.executionId(), p.attempt(), p.state().name(), p.time());
      store.recordFinalState(mainKey, p.state().name());
    }

    Optional<NoticeState> main = store.load(mainKey);
    boolean ours = false;
    String decision = "";
    if (main.isEmpty()) {
      AlertKind kind = candidate.get() == AlertKind.SUCCEEDED && previous.failed()
          && route.notifies(AlertKind.RECOVERED) ? AlertKind.RECOVERED : candidate.get();
      if (!route.notifies(kind) && !(kind == AlertKind.FAILED && route.notifies(AlertKind.APPROVAL_REJECTED))) {
        decision = "no alert: route \"" + route.name() + "\" does not notify " + kind;
      } else {
        Alert alert = factory.create(event, kind, previous);
        if (!route.notifies(alert.kind())) {
          decision = "no alert: route \"" + route.name() + "\" does not notify " + alert.kind();
        } else {
          Notice notice = new Notice(mainKey, alert, Optional.empty(), targets(route),
              event instanceof PipelineExecutionEvent p ? Optional.of(p.state().name()) : Optional.empty(),
              clock.instant());
          ours = store.createNotice(notice).isEmpty();
          main = ours ? Optional.of(new NoticeState(notice, Map.of())) : store.load(mainKey);
          decision = ours ? "alert " + alert.kind() + " created" : "";
        }
      }
    }
    Optional<NoticeState> followUp = Optional.empty();
    if (main.isPresent() && !ours) {
      Notice n = main.get().notice();
      decision = "alert " + n.alert().kind() + " exists for this attempt";
      if (event instanceof ActionExecutionEvent a && a.state() == ExecutionState.FAILED
          && !n.alert().covers(a.stage(), a.action())) {
        followUp = followUp(n, a);
        decision += followUp.isPresent() ? "; follow-up for " + a.stage() + "/" + a.action()
            : "; no threaded target for the follow-up";
      } else {
        decision += "; no new alert";
      }
    }

    main.ifPresent(m -> deliver(m, run));
    followUp.ifPresent(f -> deliver(f, run));
    if (event instanceof PipelineExecutionEvent p) {
      updateParents(p, main.map(NoticeState::notice), run);
    }
    return run.finish(what, decision);
  }

  /** The route's targets, and Baton's event bus when events are published: each delivered and logged once. */
  private List<Target> targets(Route route) {
    if (!senders.containsKey(Target.Type.EVENTS)) {
      return route.targets();
    }
    List<Target> all = new ArrayList<>(route.targets());
    all.add(Target.EVENTS);
    return all;
  }

  private Optional<NoticeState> followUp(Notice main, ActionExecutionEvent a) {
    List<Target> threaded = main.targets().stream().filter(Target::threaded).toList();
    if (threaded.isEmpty()) {
      return Optional.empty();
    }
    NoticeKey key = NoticeKey.action(a.pipeline(), a.executionId(), a.attempt(), a.stage(), a.action());
    Optional<NoticeState> stored = store.load(key);
    if (stored.isPresent()) {
      return stored;
    }
    Notice notice = new Notice(key, main.alert(), Optional.of(AlertFactory.failedAction(a)), threaded,
        Optional.empty(), clock.instant());
    Optional<Notice> existing = store.createNotice(notice);
    return existing.isEmpty() ? Optional.of(new NoticeState(notice, Map.of())) : store.load(key);
  }

  private void deliver(NoticeState state, Run run) {
    Notice n = state.notice();
    for (Target target : n.targets()) {
      Optional<Delivery> d = state.delivery(target);
      if (d.isPresent() && d.get().done()) {
        run.line(n, target, d.get().status() == Delivery.Status.SENT ? "ALREADY_SENT" : "REJECTED_BEFORE",
            d.get().lastError().orElse(""));
      } else if (d.isPresent() && d.get().status() == Delivery.Status.SENDING
          && d.get().leaseUntil().isAfter(clock.instant())) {
        run.line(n, target, "IN_PROGRESS_ELSEWHERE", "");
      } else {
        send(n, target, run);
      }
    }
  }

  private void send(Notice n, Target target, Run run) {
    if (!run.hasTime()) {
      run.retry(n, target, "not attempted: the invocation is running out of time");
      return;
    }
    Outbound message;
    try {
      message = message(n, target);
    } catch (ThreadUnavailable e) {
      if (e.permanent) {
        store.failed(n.key(), target, e.getMessage(), true, clock.instant());
        run.rejected(n, target, "thread_unavailable", e.getMessage());
      } else {
        run.retry(n, target, e.getMessage());
      }
      return;
    }
    Claim claim = store.claim(n.key(), target, clock.instant(), run.leaseUntil);
    if (!claim.ours()) {
      Delivery d = claim.delivery();
      run.line(n, target, switch (d.status()) {
        case SENT -> "ALREADY_SENT";
        case REJECTED -> "REJECTED_BEFORE";
        case SENDING, FAILED -> "IN_PROGRESS_ELSEWHERE";
      }, "");
      return;
    }
    try {
      Receipt receipt = sender(target).send(target, message);
      store.delivered(n.key(), target, receipt, clock.instant());
      if (target.threaded() && message instanceof Outbound.Post post && post.thread().isEmpty()) {
        store.saveThread(new SlackThread(n.key().pipeline(), n.key().executionId(), target.address(),
            receipt.channel().orElse(target.address()), receipt.id(), n.current(), status(n)));
      }
      run.sent(n, target, receipt);
    } catch (DeliveryRejectedException e) {
      store.failed(n.key(), target, e.code() + ": " + e.getMessage(), true, clock.instant());
      run.rejected(n, target, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      store.failed(n.key(), target, e.getMessage() == null ? e.toString() : e.getMessage(), false, clock.instant());
      run.retry(n, target, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private Outbound message(Notice n, Target target) throws ThreadUnavailable {
    if (n.action().isPresent()) {
      return new Outbound.Reply(n.alert(), n.action().get(), thread(n.key(), target, true).orElseThrow().parent());
    }
    Optional<Receipt> thread = target.threaded() && n.key().attempt() > 1
        ? store.findThread(n.key().pipeline(), n.key().executionId(), target.address()).map(SlackThread::parent)
        : Optional.empty();
    Route route = routing.route(n.key().pipeline());
    return new Outbound.Post(n.current(), n.alert().kind().isProblem() ? route.mention() : Optional.empty(),
        thread);
  }

  /**
   * The execution's thread in the target's channel. When it is not stored yet: rebuilt from the main alert's
   * delivery if that was sent, waited for while another invocation is sending it, else unavailable (transient
   * unless that delivery was refused for good). With {@code required} false an absent thread is just empty.
   */
  private Optional<SlackThread> thread(NoticeKey key, Target target, boolean required) throws ThreadUnavailable {
    long waitUntil = System.nanoTime() + threadWait.toNanos();
    NoticeKey mainKey = NoticeKey.main(key.pipeline(), key.executionId(), key.attempt());
    while (true) {
      Optional<SlackThread> t = store.findThread(key.pipeline(), key.executionId(), target.address());
      if (t.isPresent()) {
        return t;
      }
      Optional<NoticeState> main = store.load(mainKey);
      Optional<Delivery> d = main.flatMap(m -> m.delivery(target));
      if (d.isPresent() && d.get().status() == Delivery.Status.SENT && d.get().receipt().isPresent()) {
        Receipt r = d.get().receipt().get();
        Notice m = main.get().notice();
        return Optional.of(store.saveThread(new SlackThread(key.pipeline(), key.executionId(), target.address(),
            r.channel().orElse(target.address()), r.id(), m.current(), status(m))));
      }
      boolean sendingElsewhere = d.isPresent() && d.get().status() == Delivery.Status.SENDING
          && d.get().leaseUntil().isAfter(clock.instant());
      if (!sendingElsewhere || System.nanoTime() - waitUntil > 0) {
        if (!required) {
          return Optional.empty();
        }
        if (d.isPresent() && d.get().status() == Delivery.Status.REJECTED) {
          throw new ThreadUnavailable(true, "the execution's first message to " + target.address()
              + " was refused (" + d.get().lastError().orElse("") + "), so there is no thread to reply in");
        }
        throw new ThreadUnavailable(false, "the execution's first message to " + target.address()
            + (sendingElsewhere ? " is still being sent by another invocation" : " is not delivered yet"));
      }
      pause(200);
    }
  }

  private void updateParents(PipelineExecutionEvent p, Optional<Notice> main, Run run) {
    ExecutionStatus status = new ExecutionStatus(p.attempt(), Optional.of(p.state().name()));
    Set<Target> targets = new LinkedHashSet<>();
    main.ifPresent(m -> m.targets().stream().filter(Target::threaded).forEach(targets::add));
    run.route.slackChannels().forEach(c -> targets.add(Target.slack(c)));
    NoticeKey key = NoticeKey.main(p.pipeline(), p.executionId(), p.attempt());
    for (Target target : targets) {
      Optional<SlackThread> thread;
      try {
        thread = thread(key, target, false);
      } catch (ThreadUnavailable e) {
        thread = Optional.empty();
      }
      if (thread.isEmpty() || !status.isAfter(thread.get().rendered())) {
        continue;
      }
      String notice = "PARENT " + status.encode();
      if (!run.hasTime()) {
        run.retryLine(notice, target, "parent update not attempted: the invocation is running out of time");
        continue;
      }
      try {
        sender(target).send(target, new Outbound.Update(thread.get().opening(), status, thread.get().parent()));
        store.threadRendered(thread.get(), status);
        run.lines.add(new AlertOutcome.Line(notice, thread.get().opening().kind().name(), target.id(), "UPDATED",
            thread.get().ts()));
        Log.info("alert thread parent updated", "pipeline", p.pipeline(), "executionId", p.executionId(),
            "target", target.id(), "status", status.encode());
      } catch (DeliveryRejectedException e) {
        run.lines.add(new AlertOutcome.Line(notice, "", target.id(), "REJECTED", e.getMessage()));
        Log.error("Slack refused to update the alert's parent message; not retried", "target", target.id(),
            "code", e.code(), "reason", e.getMessage());
      } catch (RuntimeException e) {
        run.retryLine(notice, target, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }

  private AlertSender sender(Target target) {
    AlertSender s = senders.get(target.type());
    if (s == null) {
      throw new IllegalStateException("no sender for " + target.type());
    }
    return s;
  }

  private static ExecutionStatus status(Notice n) {
    return new ExecutionStatus(n.key().attempt(), n.finalState());
  }

  /** The kind of alert the event may make, before routing and look-ups; empty for states Baton ignores. */
  static Optional<AlertKind> candidate(PipelineEvent event) {
    return switch (event) {
      case ActionExecutionEvent a when a.state() == ExecutionState.FAILED ->
          Optional.of(a.isApproval() ? AlertKind.APPROVAL_REJECTED : AlertKind.FAILED);
      case StageExecutionEvent s when s.state() == ExecutionState.FAILED -> Optional.of(AlertKind.FAILED);
      case PipelineExecutionEvent p -> switch (p.state()) {
        case FAILED -> Optional.of(AlertKind.FAILED);
        case STOPPED -> Optional.of(AlertKind.STOPPED);
        case SUCCEEDED -> Optional.of(AlertKind.SUCCEEDED);
        default -> Optional.empty();
      };
      default -> Optional.empty();
    };
  }

  static String describe(PipelineEvent e) {
    String where = switch (e) {
      case ActionExecutionEvent a -> "action " + a.stage() + "/" + a.action();
      case StageExecutionEvent s -> "stage " + s.stage();
      case PipelineExecutionEvent p -> "pipeline";
    };
    return e.pipeline() + " " + e.executionId() + " attempt " + e.attempt() + ": " + where + " " + e.state();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** No thread to reply in (yet). */
  private static final class ThreadUnavailable extends Exception {
    private final boolean permanent;

    ThreadUnavailable(boolean permanent, String message) {
      super(message);
      this.permanent = permanent;
    }
  }

  /** One invocation's deliveries: what was sent, refused, or left for the retry. */
  private final class Run {
    private final PipelineEvent event;
    private final Route route;
    private final Instant deadline;
    private final Instant leaseUntil;
    private final List<AlertOutcome.Line> lines = new ArrayList<>();
    private final List<String> toRetry = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();

    Run(PipelineEvent event, Route route, Instant deadline) {
      this.event = event;
      this.route = route;
      this.deadline = deadline;
      this.leaseUntil = deadline.plusSeconds(2);
    }

    boolean hasTime() {
      return clock.instant().plus(timePerDelivery).isBefore(deadline);
    }

    void line(Notice n, Target t, String result, String detail) {
      lines.add(new AlertOutcome.Line(n.key().id(), n.alert().kind().name(), t.id(), result, detail));
      if (result.equals("ALREADY_SENT")) {
        delivered.add(t.id() + " " + n.key().id());
      }
    }

    void sent(Notice n, Target t, Receipt r) {
      line(n, t, "SENT", r.channel().map(c -> c + " ").orElse("") + r.id());
      Log.info("alert delivered", "pipeline", n.key().pipeline(), "executionId", n.key().executionId(),
          "attempt", n.key().attempt(), "notice", n.key().id(), "kind", n.alert().kind().name(), "target", t.id(),
          "receipt", r.id());
    }

    void rejected(Notice n, Target t, String code, String reason) {
      line(n, t, "REJECTED", reason);
      Log.error("alert refused by its channel; not retried: fix the cause", "pipeline", n.key().pipeline(),
          "executionId", n.key().executionId(), "notice", n.key().id(), "target", t.id(), "code", code,
          "reason", reason);
    }

    void retry(Notice n, Target t, String reason) {
      line(n, t, "FAILED", reason);
      toRetry.add(t.id() + " " + n.key().id() + ": " + reason);
      Log.warn("alert not delivered; the event will be retried", "pipeline", n.key().pipeline(),
          "executionId", n.key().executionId(), "notice", n.key().id(), "target", t.id(), "reason", reason);
    }

    void retryLine(String notice, Target t, String reason) {
      lines.add(new AlertOutcome.Line(notice, "", t.id(), "FAILED", reason));
      toRetry.add(t.id() + " " + notice + ": " + reason);
      Log.warn("alert thread update failed; the event will be retried", "target", t.id(), "reason", reason);
    }

    AlertOutcome finish(String what, String decision) {
      lines.stream().filter(l -> l.result().equals("SENT")).forEach(l -> delivered.add(l.target() + " "
          + l.notice()));
      AlertOutcome outcome = new AlertOutcome(what, decision, lines);
      if (!toRetry.isEmpty()) {
        throw new AlertDeliveryException("alert for " + what + " not fully delivered; retry the event to send the "
            + "rest. Not delivered: " + toRetry + ". Delivered: " + delivered + ".");
      }
      Log.info("alert event handled", "event", what, "decision", decision, "deliveries", lines.size());
      return outcome;
    }
  }

  /** Options; the defaults suit Lambda. */
  public static final class Builder {
    private final AlertRouting routing;
    private final AlertStore store;
    private final ExecutionLookup lookup;
    private final Map<Target.Type, AlertSender> senders = new EnumMap<>(Target.Type.class);
    private Clock clock = Clock.systemUTC();
    private Duration threadWait = Duration.ofSeconds(5);
    private Duration timePerDelivery = Duration.ofSeconds(12);

    private Builder(AlertRouting routing, AlertStore store, ExecutionLookup lookup) {
      this.routing = Objects.requireNonNull(routing, "routing");
      this.store = Objects.requireNonNull(store, "store");
      this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    public Builder sender(Target.Type type, AlertSender sender) {
      senders.put(type, Objects.requireNonNull(sender, "sender"));
      return this;
    }

    /**
     * Publishes each main alert as a Baton event ({@link AlertEvents}), delivered like a target: claimed, sent once,
     * retried while it fails, and failing the invocation when it could not be sent.
     */
    public Builder events(EventPublisher publisher) {
      return sender(Target.Type.EVENTS, new AlertEvents(publisher));
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a follow-up waits for another invocation that is posting the execution's first Slack message. */
    public Builder threadWait(Duration wait) {
      this.threadWait = wait;
      return this;
    }

    /** The time a delivery may need (the slowest channel's retry budget): none starts closer to the deadline. */
    public Builder timePerDelivery(Duration time) {
      this.timePerDelivery = time;
      return this;
    }

    public AlertService build() {
      for (Target.Type t : Target.Type.values()) {
        if (!senders.containsKey(t)) {
          throw new IllegalStateException("no sender for " + t);
        }
      }
      return new AlertService(this);
    }
  }
}
