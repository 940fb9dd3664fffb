package dev.baton.core.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The unranked writes ({@link HistoryUpdate.Kind#PIPELINE the registry entry},
 * {@link HistoryUpdate.Kind#EXECUTION_SEEN an execution's identity}) that one execution environment has made already.
 * They set only {@code if_not_exists} facts that every event of the pipeline or execution agrees on, so once one has
 * been applied, repeating it changes nothing: a warm environment skips it, and a stage or action event costs one
 * write instead of three. Bounded: the least recently used entries are forgotten first (and simply written again).
 */
final class WrittenOnce {
  private static final int MAX = 10_000;
  private final Set<String> written = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX;
        }
      }));

  /** Whether {@code u} is one of the writes this environment has applied already (never true for ranked writes). */
  boolean already(HistoryUpdate u) {
    return skippable(u) && written.contains(key(u));
  }

  /** Remembers that {@code u} was applied. */
  void applied(HistoryUpdate u) {
    if (skippable(u)) {
      written.add(key(u));
    }
  }

  private static boolean skippable(HistoryUpdate u) {
    return u.kind() == HistoryUpdate.Kind.PIPELINE || u.kind() == HistoryUpdate.Kind.EXECUTION_SEEN;
  }

  private static String key(HistoryUpdate u) {
    return u.pk() + "\n" + u.sk();
  }
}
