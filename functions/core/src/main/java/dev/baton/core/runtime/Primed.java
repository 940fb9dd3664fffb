package dev.baton.core.runtime;

import java.util.List;

/** What a function's priming did: how many calls its in-process stand-ins answered, and the paths it took. */
public record Primed(int callsAnsweredInProcess, List<String> paths) {
  public Primed {
    paths = List.copyOf(paths);
  }
}
