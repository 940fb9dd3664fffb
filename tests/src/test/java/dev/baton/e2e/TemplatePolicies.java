package dev.baton.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The IAM actions a function's {@code Policies} in template.yaml allow (both branches of an {@code !If}). */
final class TemplatePolicies {
  private TemplatePolicies() {}

  static List<String> actions(Object policies) {
    List<String> out = new ArrayList<>();
    collect(policies, out);
    return out;
  }

  private static void collect(Object node, List<String> out) {
    if (node instanceof Map<?, ?> m) {
      Object action = m.get("Action");
      if (action instanceof String s) {
        out.add(s);
      } else if (action instanceof List<?> l) {
        l.forEach(a -> out.add(String.valueOf(a)));
      } else if (action instanceof Map<?, ?> fn && fn.get("Fn::If") instanceof List<?> branches) {
        out.add(String.valueOf(branches.get(1)));
        out.add(String.valueOf(branches.get(2)));
      }
      m.values().forEach(v -> collect(v, out));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collect(v, out));
    }
  }
}
