package dev.baton.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template held to CloudFormation's rules before anything runs it: the sections and their members, parameter
 * declarations (with defaults that satisfy their own constraints), resources (type, condition, dependencies,
 * deletion policies), outputs, Rules with their assertions, and every intrinsic function's arguments where it
 * appears ({@link IntrinsicRules}). Used by {@link SamTemplate#load}, so {@code ./baton invoke}, {@code ./baton demo}
 * and the tests refuse what CloudFormation would refuse, and by {@code ./baton validate}.
 */
public final class TemplateRules {
  private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
      "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Globals");
  private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "Condition", "DependsOn",
      "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
  private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate",
      "Snapshot");
  private static final Set<String> OUTPUT_KEYS = Set.of("Description", "Value", "Export", "Condition");
  private static final Set<String> RULE_KEYS = Set.of("RuleCondition", "Assertions");
  private static final Set<String> ASSERTION_KEYS = Set.of("Assert", "AssertDescription");

  private final SamTemplate template;
  private final TemplateNames names;
  private final List<String> problems = new ArrayList<>();
  private final IntrinsicRules intrinsics;

  private TemplateRules(SamTemplate template) {
    this.template = template;
    this.names = new TemplateNames(template);
    Object transform = template.root().get("Transform");
    boolean extensions = transform instanceof List<?> l ? l.contains("AWS::LanguageExtensions")
        : "AWS::LanguageExtensions".equals(transform);
    this.intrinsics = new IntrinsicRules(names, extensions, template.section("Mappings").keySet(), problems::add);
  }

  /** Every violation in {@code template}; empty when CloudFormation would take it. */
  public static List<String> check(SamTemplate template) {
    TemplateRules rules = new TemplateRules(template);
    rules.run();
    return List.copyOf(rules.problems);
  }

  private void run() {
    template.root().keySet().stream().filter(k -> !SECTIONS.contains(k)).forEach(k ->
        problems.add("Template format error: Invalid template property or properties [" + k + "]"));
    for (String section : List.of("Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs", "Globals")) {
      Object value = template.root().get(section);
      if (value != null && !(value instanceof Map)) {
        problems.add("Template format error: " + section + " must be an object [" + section + "]");
      }
    }
    if (template.section("Resources").isEmpty()) {
      problems.add("Template format error: At least one Resources member must be defined.");
    }
    parameters();
    conditions();
    rules();
    template.section("Resources").forEach(this::resource);
    template.section("Globals").forEach((k, v) -> intrinsics.value(v, Functions.Where.PROPERTY, "Globals/" + k));
    template.section("Outputs").forEach(this::output);
  }

  private void parameters() {
    template.parameters().forEach((name, p) -> {
      String at = " [Parameters/" + name + "]";
      if (!(p instanceof Map<?, ?> m)) {
        problems.add("Template format error: parameter " + name + " must be an object" + at);
        return;
      }
      m.keySet().stream().filter(k -> !StackParameters.PARAMETER_KEYS.contains(String.valueOf(k))).forEach(k ->
          problems.add("Template format error: Invalid template parameter property '" + k + "'" + at));
      if (!(m.get("Type") instanceof String type) || !StackParameters.isType(type)) {
        problems.add("Template format error: Unrecognized parameter type: " + m.get("Type") + at);
        return;
      }
      if (m.containsKey("Default")) {
        StackParameters.constraintProblem(name, SamTemplate.asMap(p), String.valueOf(m.get("Default")))
            .ifPresent(problem -> problems.add("Template format error: the Default does not satisfy the parameter's "
                + "own constraints: " + problem + at));
      }
    });
  }

  private void conditions() {
    template.conditions().forEach((name, c) -> intrinsics.condition(c, "Conditions/" + name));
    Set<String> done = new HashSet<>();
    for (String name : template.conditions().keySet()) {
      cycle(name, new ArrayList<>(), done);
    }
  }

  /** CloudFormation refuses conditions that depend on themselves through {@code Condition} references. */
  private void cycle(String name, List<String> trail, Set<String> done) {
    if (trail.contains(name)) {
      problems.add("Template format error: Circular dependency between conditions " + trail.subList(
          trail.indexOf(name), trail.size()) + " [Conditions/" + name + "]");
      return;
    }
    if (!done.add(name)) {
      return;
    }
    trail.add(name);
    SamTemplate.walk(template.conditions().get(name), node -> {
      if (Functions.function(node, Functions.Where.CONDITIONS).filter("Condition"::equals).isPresent()
          && SamTemplate.asMap(node).get("Condition") instanceof String next && names.isCondition(next)) {
        cycle(next, trail, done);
      }
    });
    trail.remove(trail.size() - 1);
  }

  private void rules() {
    template.rules().forEach((name, r) -> {
      String at = "Rules/" + name;
      if (!(r instanceof Map<?, ?> rule)) {
        problems.add("Template format error: rule " + name + " must be an object [" + at + "]");
        return;
      }
      rule.keySet().stream().filter(k -> !RULE_KEYS.contains(String.valueOf(k))).forEach(k ->
          problems.add("Template format error: Invalid rule property '" + k + "' [" + at + "]"));
      if (rule.containsKey("RuleCondition")) {
        intrinsics.ruleCondition(rule.get("RuleCondition"), at + "/RuleCondition");
      }
      if (!(rule.get("Assertions") instanceof List<?> assertions) || assertions.isEmpty()) {
        problems.add("Template format error: rule " + name + " needs Assertions, a list of {Assert, "
            + "AssertDescription} [" + at + "]");
        return;
      }
      for (int i = 0; i < assertions.size(); i++) {
        String where = at + "/Assertions/" + i;
        if (!(assertions.get(i) instanceof Map<?, ?> a) || !a.containsKey("Assert")) {
          problems.add("Template format error: every assertion needs an Assert [" + where + "]");
          continue;
        }
        a.keySet().stream().filter(k -> !ASSERTION_KEYS.contains(String.valueOf(k))).forEach(k ->
            problems.add("Template format error: Invalid assertion property '" + k + "' [" + where + "]"));
        if (a.containsKey("AssertDescription") && !(a.get("AssertDescription") instanceof String)) {
          problems.add("Template format error: AssertDescription must be a literal string [" + where + "]");
        }
        intrinsics.ruleCondition(a.get("Assert"), where + "/Assert");
      }
    });
  }

  private void resource(String id, Object r) {
    String at = "Resources/" + id;
    if (!id.matches("[A-Za-z0-9]+")) {
      problems.add("Template format error: Resource name " + id + " is non alphanumeric. [" + at + "]");
    }
    if (!(r instanceof Map<?, ?> m) || !(m.get("Type") instanceof String)) {
      problems.add("Template format error: [/" + at + "] Every Resources object must contain a Type member.");
      return;
    }
    m.keySet().stream().filter(k -> !RESOURCE_KEYS.contains(String.valueOf(k))).forEach(k ->
        problems.add("Template format error: Invalid resource attribute " + k + " [" + at + "]"));
    declaredCondition(m, "resource", at);
    Object dependsOn = m.get("DependsOn");
    for (Object d : dependsOn instanceof List<?> l ? l : dependsOn == null ? List.of() : List.of(dependsOn)) {
      if (!(d instanceof String dep) || names.type(dep).isEmpty()) {
        problems.add("Template format error: Unresolved resource dependencies [" + d + "] in the Resources block of "
            + "the template [" + at + "/DependsOn]");
      }
    }
    for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
      if (m.containsKey(policy) && !(m.get(policy) instanceof String p && DELETION_POLICIES.contains(p)
          && !(policy.equals("UpdateReplacePolicy") && p.equals("RetainExceptOnCreate")))) {
        problems.add("Template format error: Unrecognized " + policy + " " + m.get(policy) + " [" + at + "/" + policy
            + "]");
      }
    }
    for (String key : List.of("Properties", "Metadata", "CreationPolicy", "UpdatePolicy")) {
      if (m.containsKey(key)) {
        intrinsics.value(m.get(key), Functions.Where.PROPERTY, at + "/" + key);
      }
    }
  }

  private void output(String id, Object o) {
    String at = "Outputs/" + id;
    if (!(o instanceof Map<?, ?> m) || !m.containsKey("Value")) {
      problems.add("Template format error: Every Outputs member must contain a Value object [" + at + "]");
      return;
    }
    m.keySet().stream().filter(k -> !OUTPUT_KEYS.contains(String.valueOf(k))).forEach(k ->
        problems.add("Template format error: Invalid outputs property '" + k + "' [" + at + "]"));
    declaredCondition(m, "output", at);
    intrinsics.value(m.get("Value"), Functions.Where.PROPERTY, at + "/Value");
    if (m.containsKey("Export")) {
      intrinsics.value(m.get("Export"), Functions.Where.PROPERTY, at + "/Export");
    }
  }

  /** A resource's or output's {@code Condition}, if it has one, must be declared. */
  private void declaredCondition(Map<?, ?> m, String what, String at) {
    if (m.containsKey("Condition") && !(m.get("Condition") instanceof String c && names.isCondition(c))) {
      problems.add("Template format error: Unresolved dependencies [" + m.get("Condition") + "]: the " + what
          + "'s Condition is not in the Conditions section [" + at + "/Condition]");
    }
  }
}
