package dev.baton.core.chatops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One {@code /baton} command, as {@link ChatCommands#parse} reads its text. */
public sealed interface ChatCommand {
  /** The subcommand's name, as {@link CommandAccess} knows it. */
  String name();

  record Help() implements ChatCommand {
    public String name() {
      return "help";
    }
  }

  /** Anything Baton does not know, or a known subcommand written wrong ({@code problem} says how). */
  record Usage(String problem) implements ChatCommand {
    public String name() {
      return "help";
    }
  }

  record Status(Optional<String> pipeline) implements ChatCommand {
    public String name() {
      return "status";
    }
  }

  /** The newest {@code count} executions of one pipeline. */
  record History(String pipeline, int count) implements ChatCommand {
    public String name() {
      return "history";
    }
  }

  record Freezes() implements ChatCommand {
    public String name() {
      return "freezes";
    }
  }

  /** Freeze {@code targets} (pipeline names, or {@code *} for all) until {@code until}, because {@code reason}. */
  record Freeze(List<String> targets, Instant until, String reason) implements ChatCommand {
    public String name() {
      return "freeze";
    }
  }

  record Unfreeze(List<String> targets) implements ChatCommand {
    public String name() {
      return "unfreeze";
    }
  }

  /** DORA metrics of one pipeline (or all recorded) over the last {@code days} days. */
  record Dora(Optional<String> pipeline, int days) implements ChatCommand {
    public String name() {
      return "dora";
    }
  }

  /** Start {@code pipeline} again with its newest released artifact, or the one {@code version} names. */
  record Release(String pipeline, Optional<String> version) implements ChatCommand {
    public String name() {
      return "release";
    }
  }
}
