package dev.baton.core.chatops;

import dev.baton.core.approval.Authorization;
import dev.baton.core.approval.SlackUser;
import dev.baton.core.freeze.AdHocFreeze;
import dev.baton.core.freeze.AdHocFreezeStore;
import dev.baton.core.freeze.Freeze;
import dev.baton.core.freeze.Freezes;
import dev.baton.core.freeze.WhenFrozen;
import dev.baton.core.log.Log;
import dev.baton.core.release.ReleaseRequest;
import dev.baton.core.release.Requester;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@code /baton} command for a chat user: checks that they may ({@link CommandAccess}), then answers it.
 * A command that changes something (release, freeze, unfreeze) answers in the channel, so everyone there sees who did what;
 * the others answer the asker only. Nothing here throws for bad input: a wrong command gets the usage.
 */
public final class ChatOps {
  private final CommandAccess access;
  private final Freezes freezes;
  private final AdHocFreezeStore adHoc;
  private final StatusReport status;
  private final DoraReply dora;
  private final ReleaseCommand release;
  private final Clock clock;

  public ChatOps(CommandAccess access, Freezes freezes, AdHocFreezeStore adHoc, StatusReport status, DoraReply dora,
                 ReleaseCommand release, Clock clock) {
    this.access = access;
    this.freezes = freezes;
    this.adHoc = adHoc;
    this.status = status;
    this.dora = dora;
    this.release = release;
    this.clock = clock;
  }

  public Reply run(SlackUser user, String text) {
    Instant now = clock.instant();
    ChatCommand command = ChatCommands.parse(text, now);
    Optional<Reply> refused = refused(command.name(), user);
    if (refused.isPresent()) {
      return refused.get();
    }
    return switch (command) {
      case ChatCommand.Help h -> Reply.privately("Baton commands", ChatCommands.USAGE);
      case ChatCommand.Usage u -> Reply.privately("Baton commands", u.problem(), ChatCommands.USAGE);
      case ChatCommand.Status s -> status.of(s.pipeline(), now);
      case ChatCommand.History h -> status.history(h.pipeline(), h.count());
      case ChatCommand.Dora d -> dora.of(d.pipeline(), d.days(), now);
      case ChatCommand.Release r -> release.ask(requester(user), r.pipeline(), r.version());
      case ChatCommand.Freezes f -> current(now);
      case ChatCommand.Freeze f -> freeze(user, f, now);
      case ChatCommand.Unfreeze u -> unfreeze(user, u, now);
    };
  }

  /**
   * The asker's answer to a {@code /baton release} confirmation: {@code start} it, or cancel. Whoever may not run
   * {@code /baton release} now (or cannot be checked now) may not confirm one either.
   */
  public Reply confirmRelease(SlackUser user, ReleaseRequest request, boolean start) {
    Optional<Reply> refused = refused("release", user);
    if (refused.isPresent()) {
      return refused.get();
    }
    return start ? release.confirm(requester(user), request) : ReleaseCommand.cancelled(request);
  }

  private Optional<Reply> refused(String command, SlackUser user) {
    Authorization auth = access.check(command, user);
    if (auth.isAllowed()) {
      return Optional.empty();
    }
    Log.info("command refused", "user", user.id(), "command", command, "verdict", auth.verdict().name(),
        "reason", auth.reason());
    return Optional.of(Reply.privately("Not done", auth.reason()));
  }

  private static Requester requester(SlackUser user) {
    return new Requester(user.id(), Optional.ofNullable(user.name()));
  }

  private Reply current(Instant now) {
    List<String> lines = new ArrayList<>();
    for (Freezes.Current c : freezes.current(now)) {
      Freeze f = c.freeze();
      lines.add("*" + String.join(", ", c.pipelines().stream().map(ChatOps::target).toList()) + "*: "
          + f.describe() + ", until " + Times.show(f.until())
          + (f.whenFrozen() == WhenFrozen.DROP ? "; releases are dropped" : "; releases wait"));
    }
    return lines.isEmpty() ? Reply.privately("Nothing is frozen", "Releases start as they arrive.")
        : new Reply(false, "Frozen now", lines);
  }

  private Reply freeze(SlackUser user, ChatCommand.Freeze f, Instant now) {
    for (String target : f.targets()) {
      adHoc.put(new AdHocFreeze(target, f.reason(), user.id(), now, f.until()));
    }
    Log.info("frozen from Slack", "user", user.id(), "targets", String.join(",", f.targets()), "until",
        f.until().toString(), "reason", f.reason());
    return new Reply(true, "Frozen: " + String.join(", ", f.targets().stream().map(ChatOps::target).toList()),
        List.of("<@" + user.id() + "> froze " + String.join(", ", f.targets().stream().map(ChatOps::target).toList())
            + " until " + Times.show(f.until()) + ": " + f.reason(),
            "Releases that arrive meanwhile wait, and start once the freeze is over."));
  }

  private Reply unfreeze(SlackUser user, ChatCommand.Unfreeze u, Instant now) {
    List<String> targets = u.targets().equals(List.of(AdHocFreeze.ALL))
        ? adHoc.active(now).stream().map(AdHocFreeze::target).toList() : u.targets();
    List<AdHocFreeze> ended = adHoc.end(targets, user.id(), now);
    if (ended.isEmpty()) {
      return Reply.privately("Nothing to unfreeze", "No freeze declared from Slack is in force on "
          + String.join(", ", u.targets().stream().map(ChatOps::target).toList()) + ". Windows in "
          + "config/freezes.json end on their own (`/baton freezes` lists them).");
    }
    Log.info("unfrozen from Slack", "user", user.id(), "targets", String.join(",",
        ended.stream().map(AdHocFreeze::target).toList()));
    List<String> lines = new ArrayList<>();
    lines.add("<@" + user.id() + "> ended the freeze on " + String.join(", ", ended.stream()
        .map(e -> target(e.target()) + " (" + e.reason() + ", by <@" + e.by() + ">)").toList()));
    lines.add("Held releases start within a minute, unless a configured window still covers their pipeline.");
    return new Reply(true, "Unfrozen", lines);
  }

  static String target(String t) {
    return t.equals(AdHocFreeze.ALL) ? "all pipelines" : t;
  }
}
