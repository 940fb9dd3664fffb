package dev.baton.core.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a chain of promotions that comes back to a pipeline it started from (A -> B -> A, directly or through
 * longer chains, and through patterns: a promotion to {@code app-prod} feeds every promotion whose {@code from}
 * matches {@code app-prod}). A promotion with {@code releasedBy} never continues a chain: a promoted execution is
 * not a release. Such a cycle would start pipelines forever, so the file is refused, naming the chain.
 */
final class PromotionCycles {
  private PromotionCycles() {}

  /** The first cycle in file order, described; empty when the promotions form no cycle. */
  static Optional<String> find(List<PromotionRule> rules) {
    int n = rules.size();
    int[] state = new int[n];   // 0 unseen, 1 on the current path, 2 done
    List<Integer> path = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Optional<List<Integer>> cycle = visit(rules, i, state, path);
      if (cycle.isPresent()) {
        return Optional.of(describe(rules, cycle.get()));
      }
    }
    return Optional.empty();
  }

  /** True when an execution {@code from} starts can be promoted by {@code next}. */
  static boolean feeds(PromotionRule from, PromotionRule next) {
    return next.releasedBy().isEmpty() && next.watches(from.to());
  }

  private static Optional<List<Integer>> visit(List<PromotionRule> rules, int i, int[] state, List<Integer> path) {
    if (state[i] == 2) {
      return Optional.empty();
    }
    if (state[i] == 1) {
      return Optional.of(List.copyOf(path.subList(path.indexOf(i), path.size())));
    }
    state[i] = 1;
    path.add(i);
    for (int j = 0; j < rules.size(); j++) {
      if (feeds(rules.get(i), rules.get(j))) {
        Optional<List<Integer>> cycle = visit(rules, j, state, path);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    path.removeLast();
    state[i] = 2;
    return Optional.empty();
  }

  private static String describe(List<PromotionRule> rules, List<Integer> cycle) {
    List<String> pipelines = new ArrayList<>();
    List<String> names = new ArrayList<>();
    pipelines.add(rules.get(cycle.getLast()).to());
    for (int i : cycle) {
      pipelines.add(rules.get(i).to());
      names.add("\"" + rules.get(i).name() + "\"");
    }
    return "the promotions form a cycle: " + String.join(" -> ", pipelines) + " (promotions "
        + String.join(" -> ", names) + "); each execution would start the next pipeline forever, so a chain must end";
  }
}
