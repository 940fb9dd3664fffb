package dev.baton.e2e;

import dev.baton.local.Intrinsics;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import dev.baton.local.StackParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as a deploy with some parameter values would make it: every intrinsic evaluated (strictly, as
 * CloudFormation does) in stack {@code baton}, us-east-1, account 123456789012, as deploy-check translates it.
 */
final class ResolvedStack {
  static final String REGION = "us-east-1";
  private final SamTemplate template;
  private final Intrinsics intrinsics;

  private ResolvedStack(SamTemplate template, Map<String, String> parameters) {
    this.template = template;
    StackParameters values = StackParameters.of(template, parameters);
    if (!values.problems().isEmpty()) {
      throw new IllegalArgumentException("the parameters are refused: " + values.problems());
    }
    this.intrinsics = new Intrinsics(template, values, REGION, "baton", Map.of());
  }

  /** The checkout's template.yaml, read as it is (not through the strict load, so each test sees its own failure). */
  static ResolvedStack of(Map<String, String> parameters) {
    return new ResolvedStack(SamTemplate.parse(Repo.root().resolve("template.yaml")), parameters);
  }

  SamTemplate template() {
    return template;
  }

  Object resolve(Object value) {
    return intrinsics.resolve(value);
  }

  boolean condition(String name) {
    return intrinsics.condition(name);
  }

  /**
   * Every policy statement the function's role gets: its {@code Policies}, and the statements of the stack's
   * AWS::IAM::Policy resources attached to the role SAM generates for it ({@code <function>Role}).
   */
  List<Map<String, Object>> statements(String functionId) {
    List<Map<String, Object>> out = new ArrayList<>();
    Object policies = SamTemplate.asMap(template.resource(functionId).get("Properties")).get("Policies");
    for (Object policy : (List<?>) resolve(policies)) {
      ((List<?>) SamTemplate.asMap(policy).get("Statement")).forEach(s -> out.add(SamTemplate.asMap(s)));
    }
    template.resources().forEach((id, r) -> {
      Map<String, Object> resource = SamTemplate.asMap(r);
      if ("AWS::IAM::Policy".equals(resource.get("Type"))) {
        Map<String, Object> props = SamTemplate.asMap(resolve(resource.get("Properties")));
        if (((List<?>) props.get("Roles")).contains("baton-" + functionId + "Role")) {
          ((List<?>) SamTemplate.asMap(props.get("PolicyDocument")).get("Statement"))
              .forEach(s -> out.add(SamTemplate.asMap(s)));
        }
      }
    });
    return out;
  }

  /** The statement {@code sid} of the function's role. */
  Map<String, Object> statement(String functionId, String sid) {
    return statements(functionId).stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
        .orElseThrow(() -> new AssertionError(functionId + " has no statement " + sid));
  }

  /** A statement's actions as a list. */
  static List<String> actions(Map<String, Object> statement) {
    Object a = statement.get("Action");
    return a instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(a));
  }
}
