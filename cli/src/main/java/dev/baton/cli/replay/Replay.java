package dev.baton.cli.replay;

import dev.baton.cli.replay.Confirmation.Answer;
import dev.baton.cli.replay.DeadLetterQueue.QueueException;
import dev.baton.cli.replay.Redriver.RedriveException;
import dev.baton.cli.replay.ReplayTarget.Destination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a dead-letter queue, shows what is parked, and sends the chosen events to their function again. A message
 * is deleted only after its function's service accepted the event; one that was not replayed, or whose replay
 * failed, is handed back to the queue. If this process dies half-way, every message not yet deleted comes back when
 * its hold ends: nothing is lost, and a message replayed but not yet deleted is replayed again next time, which is
 * safe because every Baton function is idempotent.
 */
final class Replay {
  /** No event is sent this close to the end of its hold: another reader may get the message then. */
  static final Duration MARGIN = Duration.ofSeconds(30);

  /** Which of the events read to replay. */
  sealed interface Selection {
    /** None: list only. */
    record None() implements Selection {}

    /** Every event of the target's functions. */
    record All() implements Selection {}

    /** These message ids (or unique beginnings of them). */
    record Ids(List<String> ids) implements Selection {}
  }

  record Options(int max, Duration hold, Selection selection, boolean dryRun, boolean yes, boolean details) {}

  /** Exit codes of {@code ./baton replay}. */
  static final int ALL_REPLAYED = 0;
  static final int NOT_ALL_REPLAYED = 1;
  static final int USAGE = 2;

  private final DeadLetterQueue queue;
  private final Redriver redriver;
  private final Confirmation confirmation;
  private final Clock clock;
  private final ReplayView view;

  Replay(DeadLetterQueue queue, Redriver redriver, Confirmation confirmation, Clock clock, ReplayView view) {
    this.queue = queue;
    this.redriver = redriver;
    this.confirmation = confirmation;
    this.clock = clock;
    this.view = view;
  }

  int run(ReplayTarget target, Options o) {
    Instant heldUntil = clock.instant().plus(o.hold());
    List<ParkedEvent> parked;
    try {
      parked = queue.receive(o.max(), o.hold()).stream().map(ParkedEvents::read).toList();
    } catch (QueueException e) {
      view.error("cannot read " + target.queueUrl() + ": " + e.getMessage());
      return USAGE;
    }
    Set<String> deleted = new HashSet<>();
    try {
      view.listing(target, parked, o);
      return parked.isEmpty() ? ALL_REPLAYED : replay(target, o, parked, heldUntil, deleted);
    } finally {
      handBack(parked, deleted, heldUntil);
    }
  }

  private int replay(ReplayTarget target, Options o, List<ParkedEvent> parked, Instant heldUntil,
                     Set<String> deleted) {
    List<ParkedEvent> chosen;
    switch (o.selection()) {
      case Selection.None none -> {
        view.howToReplay();
        return ALL_REPLAYED;
      }
      case Selection.All all -> chosen = parked.stream().filter(p -> target.destination(p).isPresent()).toList();
      case Selection.Ids ids -> {
        Optional<List<ParkedEvent>> picked = pick(parked, ids.ids());
        if (picked.isEmpty()) {
          return USAGE;
        }
        chosen = picked.get();
      }
    }
    List<ParkedEvent> ready = new ArrayList<>();
    List<String> unfit = new ArrayList<>();
    for (ParkedEvent p : chosen) {
      Optional<Destination> to = target.destination(p);
      if (to.isEmpty()) {
        unfit.add(p.messageId() + "  not replayed: parked for " + p.function().map(f -> "another function, "
            + FunctionRef.nameOf(f)).orElse("a function this message does not name") + " (replay it with "
            + "--queue-url and --function)");
      } else if (!p.replayable()) {
        unfit.add(p.messageId() + "  cannot be replayed: " + p.unreplayable().orElseThrow());
      } else {
        ready.add(p);
      }
    }
    view.plan(target, ready, unfit, o.dryRun());
    if (o.dryRun()) {
      return ALL_REPLAYED;
    }
    if (ready.isEmpty()) {
      return chosen.isEmpty() ? ALL_REPLAYED : NOT_ALL_REPLAYED;
    }
    if (!o.yes()) {
      Answer answer = confirmation.ask("Replay " + count(ready.size()) + " to " + names(target, ready) + "?");
      if (answer == Answer.NOT_A_TERMINAL) {
        view.error("not replaying without a yes: standard input is not a terminal. Pass --yes to replay without "
            + "asking, or --dry-run to only look.");
        return USAGE;
      }
      if (answer == Answer.NO) {
        view.declined();
        return NOT_ALL_REPLAYED;
      }
    }
    int replayed = 0;
    for (ParkedEvent p : ready) {
      Outcome outcome = replayOne(target, p, heldUntil, o.hold());
      if (outcome == Outcome.REPLAYED) {
        deleted.add(p.messageId());
      }
      replayed += outcome == Outcome.REPLAYED || outcome == Outcome.REPLAYED_NOT_DELETED ? 1 : 0;
    }
    view.summary(replayed, ready.size(), deleted.size(), unfit.size());
    return deleted.size() == ready.size() && unfit.isEmpty() ? ALL_REPLAYED : NOT_ALL_REPLAYED;
  }

  private enum Outcome { REPLAYED, REPLAYED_NOT_DELETED, FAILED, HOLD_RAN_OUT }

  private Outcome replayOne(ReplayTarget target, ParkedEvent p, Instant heldUntil, Duration hold) {
    String function = target.destination(p).orElseThrow().function().invokeName();
    if (!clock.instant().isBefore(heldUntil.minus(MARGIN))) {
      view.holdRanOut(p, hold);
      return Outcome.HOLD_RAN_OUT;
    }
    try {
      redriver.redrive(function, p.payload().orElseThrow());
    } catch (RedriveException e) {
      view.failed(p, function, e.getMessage());
      return Outcome.FAILED;
    }
    try {
      queue.delete(p.message());
      view.replayed(p, function);
      return Outcome.REPLAYED;
    } catch (QueueException e) {
      view.replayedNotDeleted(p, function, e.getMessage());
      return Outcome.REPLAYED_NOT_DELETED;
    }
  }

  /** The parked events {@code ids} name, each by its whole id or a beginning only it has; empty after an error. */
  private Optional<List<ParkedEvent>> pick(List<ParkedEvent> parked, List<String> ids) {
    Set<ParkedEvent> picked = new LinkedHashSet<>();
    for (String id : ids) {
      List<ParkedEvent> matches = parked.stream().filter(p -> p.messageId().equals(id)).toList();
      if (matches.isEmpty()) {
        matches = parked.stream().filter(p -> p.messageId().startsWith(id)).toList();
      }
      if (matches.size() != 1) {
        view.error("--select " + id + ": " + (matches.isEmpty() ? "no message read has that id (it may have been "
            + "replayed or deleted already, or be held by another reader until its visibility timeout ends)"
            : "several messages start with it: " + matches.stream().map(ParkedEvent::messageId).toList())
            + ". Nothing was replayed.");
        return Optional.empty();
      }
      picked.add(matches.getFirst());
    }
    return Optional.of(List.copyOf(picked));
  }

  private void handBack(List<ParkedEvent> parked, Set<String> deleted, Instant heldUntil) {
    int released = 0;
    for (ParkedEvent p : parked) {
      if (deleted.contains(p.messageId())) {
        continue;
      }
      try {
        queue.release(p.message());
        released++;
      } catch (QueueException e) {
        view.notHandedBack(p, e.getMessage(), heldUntil);
      }
    }
    view.handedBack(released);
  }

  private static String names(ReplayTarget target, List<ParkedEvent> ready) {
    return String.join(", ", ready.stream().map(p -> target.destination(p).orElseThrow().function().invokeName())
        .distinct().toList());
  }

  static String count(int n) {
    return n + (n == 1 ? " event" : " events");
  }
}
