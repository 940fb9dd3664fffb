package dev.baton.cli.replay;

import static dev.baton.cli.TextTable.cut;
import static dev.baton.cli.TextTable.table;

import dev.baton.cli.replay.ReplayTarget.Destination;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code ./baton replay} tells: the parked events, the plan, each event's outcome and a summary. */
final class ReplayView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  /** A Java exception's package, left out of the table ({@code --details} shows it). */
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][\\w$]*(?:Exception|Error))\\b");

  private final PrintStream out;
  private final PrintStream err;

  ReplayView(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void error(String message) {
    err.println("baton replay: " + message);
  }

  void listing(ReplayTarget target, List<ParkedEvent> parked, Replay.Options o) {
    if (parked.isEmpty()) {
      out.println("No parked events in " + target.queueUrl() + ".");
      return;
    }
    out.println(Replay.count(parked.size()) + " parked in " + target.queueUrl() + " (held from other readers for "
        + o.hold().toSeconds() + " s while this runs):");
    out.println();
    boolean byFunction = target.functions().size() > 1
        || parked.stream().anyMatch(p -> target.destination(p).isEmpty());
    List<String[]> rows = new ArrayList<>();
    rows.add(byFunction ? new String[] {"MESSAGE ID", "PARKED (UTC)", "RECEIVES", "FUNCTION", "EVENT", "WHY"}
        : new String[] {"MESSAGE ID", "PARKED (UTC)", "RECEIVES", "EVENT", "WHY"});
    for (ParkedEvent p : parked) {
      String when = p.parkedAt().map(TIME::format).orElse("-");
      String event = p.payload().map(EventSummary::of).orElse("-");
      String why = cut(JAVA_CLASS.matcher(p.why()).replaceAll("$1"), 140);
      String receives = String.valueOf(p.receiveCount());
      rows.add(byFunction ? new String[] {p.messageId(), when, receives, function(target, p), cut(event, 64), why}
          : new String[] {p.messageId(), when, receives, cut(event, 64), why});
    }
    table(out, rows, "");
    if (parked.size() >= o.max()) {
      out.println("(read " + o.max() + ", the --max: there may be more)");
    }
    if (o.details()) {
      parked.forEach(p -> details(target, p));
    }
  }

  private void details(ReplayTarget target, ParkedEvent p) {
    out.println();
    out.println(p.messageId());
    detail("parked by", p.source().description + p.function().map(f -> ", for " + f).orElse("")
        + p.message().messageAttributes().entrySet().stream().filter(a -> a.getKey().equals("RULE_ARN"))
        .map(a -> ", rule " + a.getValue()).findFirst().orElse(""));
    detail("replay to", target.destination(p).map(d -> d.label() + " (" + d.function().invokeName() + ")")
        .orElse("none of " + target.functions().stream().map(Destination::label).toList()));
    detail("why", p.why());
    detail("event", p.payload().orElse("- (" + p.unreplayable().orElse("none") + ")"));
  }

  private void detail(String label, String value) {
    out.printf("  %-10s %s%n", label, value);
  }

  private static String function(ReplayTarget target, ParkedEvent p) {
    Optional<Destination> to = target.destination(p);
    if (to.isPresent()) {
      return to.get().label();
    }
    return p.function().map(f -> "other: " + FunctionRef.nameOf(f)).orElse("?");
  }

  void howToReplay() {
    out.println();
    out.println("Nothing replayed. Replay them with --all or --select <message id>,... (add --dry-run to see the "
        + "plan first).");
  }

  void plan(ReplayTarget target, List<ParkedEvent> ready, List<String> unfit, boolean dryRun) {
    out.println();
    if (ready.isEmpty() && unfit.isEmpty()) {
      out.println("None of them is for " + String.join(" or ", target.functions().stream().map(Destination::label)
          .toList()) + ": nothing to replay.");
    }
    for (ParkedEvent p : ready) {
      if (dryRun) {
        out.println(p.messageId() + "  would be replayed to "
            + target.destination(p).orElseThrow().function().invokeName());
      }
    }
    unfit.forEach(out::println);
    if (dryRun) {
      out.println("Dry run: nothing replayed, nothing deleted.");
    }
  }

  void declined() {
    out.println("Nothing replayed; the events stay in the queue.");
  }

  void replayed(ParkedEvent p, String function) {
    out.println(p.messageId() + "  replayed to " + function + " (accepted), deleted from the queue");
  }

  void failed(ParkedEvent p, String function, String reason) {
    out.println(p.messageId() + "  FAILED to replay to " + function + ": " + reason + ". Kept in the queue.");
  }

  void replayedNotDeleted(ParkedEvent p, String function, String reason) {
    out.println(p.messageId() + "  replayed to " + function + " (accepted), but NOT deleted from the queue: "
        + reason + ". It will be read again; replaying it twice is safe (every Baton function is idempotent).");
  }

  void holdRanOut(ParkedEvent p, Duration hold) {
    out.println(p.messageId() + "  not replayed: its " + hold.toSeconds() + " s hold (--visibility-timeout) ran out "
        + "before its turn, so another reader may have it. Kept in the queue; run again.");
  }

  void summary(int replayed, int ready, int deleted, int unfit) {
    out.println();
    StringBuilder s = new StringBuilder("Replayed " + replayed + " of " + Replay.count(ready + unfit));
    if (deleted < replayed) {
      s.append("; ").append(replayed - deleted).append(" replayed but still in the queue");
    }
    int failed = ready - replayed;
    if (failed > 0) {
      s.append("; ").append(failed).append(" failed and kept in the queue: fix the cause and run again");
    }
    if (unfit > 0) {
      s.append("; ").append(unfit).append(" not replayable (see above)");
    }
    out.println(s.append('.'));
    if (replayed > 0) {
      out.println("Lambda runs each replayed event as an asynchronous invocation: if it fails again, it is retried "
          + "and parked here again as a new message.");
    }
  }

  void notHandedBack(ParkedEvent p, String reason, Instant heldUntil) {
    err.println("baton replay: could not hand " + p.messageId() + " back to the queue (" + reason + "): it is "
        + "hidden until its visibility timeout ends, " + TIME.format(heldUntil) + " UTC, and then reappears.");
  }

  void handedBack(int released) {
    if (released > 0) {
      out.println("Handed back to the queue, visible again now: " + Replay.count(released) + ".");
    }
  }
}
