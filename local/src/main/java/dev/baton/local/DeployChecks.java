package dev.baton.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What CloudFormation checks about a deploy's parameter values before it creates or changes anything, in its order:
 * the values against their declarations ({@link StackParameters}), then the template's {@code Rules}: a rule whose
 * {@code RuleCondition} holds (or that has none) refuses the deploy with each {@code Assert} that is false, showing
 * its {@code AssertDescription}.
 */
public final class DeployChecks {
  private DeployChecks() {}

  /** Why a deploy of {@code template} with {@code parameters} would be refused; empty when it would go ahead. */
  public static List<String> refusals(SamTemplate template, Map<String, String> parameters) {
    StackParameters values = StackParameters.of(template, parameters);
    if (!values.problems().isEmpty()) {
      return values.problems();
    }
    Intrinsics intrinsics = new Intrinsics(template, values, "us-east-1", "baton", Map.of());
    List<String> refusals = new ArrayList<>();
    template.rules().forEach((name, r) -> {
      Map<String, Object> rule = SamTemplate.asMap(r);
      if (rule.containsKey("RuleCondition") && !intrinsics.bool(rule.get("RuleCondition"))) {
        return;
      }
      for (Object a : (List<?>) rule.get("Assertions")) {
        Map<String, Object> assertion = SamTemplate.asMap(a);
        if (!intrinsics.bool(assertion.get("Assert"))) {
          refusals.add("Rule " + name + ": " + String.valueOf(assertion.getOrDefault("AssertDescription",
              "an assertion failed")).strip());
        }
      }
    });
    return refusals;
  }
}
