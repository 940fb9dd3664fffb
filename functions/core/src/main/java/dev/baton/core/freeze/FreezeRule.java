package dev.baton.core.freeze;

import dev.baton.core.config.Glob;
import java.util.List;

/**
 * One entry of {@code config/freezes.json}: the pipelines it freezes (patterns, {@code *} matching any characters),
 * when, and what becomes of a release that arrives meanwhile.
 */
public record FreezeRule(String name, String description, List<String> pipelines, FreezeWindow window,
                         WhenFrozen whenFrozen) {
  public FreezeRule {
    pipelines = List.copyOf(pipelines);
  }

  public boolean covers(String pipeline) {
    return pipelines.stream().anyMatch(p -> Glob.matches(p, pipeline));
  }
}
