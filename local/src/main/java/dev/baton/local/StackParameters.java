package dev.baton.local;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A stack's parameter values as CloudFormation settles them before it creates anything: given values, else the
 * declared defaults; then every value held to its declaration (type, AllowedValues, AllowedPattern, lengths,
 * bounds), with CloudFormation's messages. A {@code Ref} to a list parameter (CommaDelimitedList, {@code List<...>})
 * is a list of strings; every other value is a string.
 */
public final class StackParameters {
  static final Set<String> PARAMETER_KEYS = Set.of("Type", "Default", "Description", "AllowedValues",
      "AllowedPattern", "ConstraintDescription", "MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho");

  private final Map<String, Object> values;
  private final List<String> problems;

  private StackParameters(Map<String, Object> values, List<String> problems) {
    this.values = values;
    this.problems = List.copyOf(problems);
  }

  /** The values a deploy with {@code given} (name to value, as in {@code --parameter-overrides}) would have. */
  public static StackParameters of(SamTemplate template, Map<String, String> given) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    TreeSet<String> unknown = new TreeSet<>(given.keySet());
    unknown.removeAll(template.parameters().keySet());
    if (!unknown.isEmpty()) {
      problems.add("Parameters: " + unknown + " do not exist in the template");
    }
    List<String> missing = new ArrayList<>();
    template.parameters().forEach((name, p) -> {
      Map<String, Object> declaration = SamTemplate.asMap(p);
      String value = given.containsKey(name) ? given.get(name)
          : declaration.containsKey("Default") ? String.valueOf(declaration.get("Default")) : null;
      if (value == null) {
        missing.add(name);
        return;
      }
      constraintProblem(name, declaration, value).ifPresent(problems::add);
      values.put(name, isList(declaration) ? List.of(value.split(",", -1)) : value);
    });
    if (!missing.isEmpty()) {
      problems.add("Parameters: " + missing + " must have values");
    }
    return new StackParameters(values, problems);
  }

  /** The template's defaults only (what {@code ./baton invoke} and the demo run with). */
  public static StackParameters defaults(SamTemplate template) {
    return of(template, Map.of());
  }

  /** What CloudFormation would refuse about these values, one message each; empty when it takes them. */
  public List<String> problems() {
    return problems;
  }

  /** A parameter's value: a String, or a List of strings for a list parameter; empty when it has none. */
  public Optional<Object> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  static boolean isType(String type) {
    return Set.of("String", "Number", "CommaDelimitedList", "List<Number>").contains(type)
        || type.startsWith("AWS::") || (type.startsWith("List<AWS::") && type.endsWith(">"));
  }

  private static boolean isList(Map<String, Object> declaration) {
    String type = String.valueOf(declaration.get("Type"));
    return type.equals("CommaDelimitedList") || type.startsWith("List<");
  }

  /** Why {@code value} does not satisfy parameter {@code name}'s declaration, in CloudFormation's words. */
  static Optional<String> constraintProblem(String name, Map<String, Object> declaration, String value) {
    List<String> items = isList(declaration) ? Arrays.asList(value.split(",", -1)) : List.of(value);
    boolean numbers = declaration.get("Type").equals("Number") || declaration.get("Type").equals("List<Number>");
    for (String item : items) {
      Optional<String> problem = itemProblem(name, declaration, item, numbers);
      if (problem.isPresent()) {
        return declaration.get("ConstraintDescription") instanceof String description && !problem.get().contains(
            "must be a number") ? Optional.of("Parameter '" + name + "' failed to satisfy constraint: " + description
            + " (value \"" + value + "\")") : problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> itemProblem(String name, Map<String, Object> d, String value, boolean number) {
    String p = "Parameter '" + name + "' ";
    if (number) {
      BigDecimal n;
      try {
        n = new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        return Optional.of(p + "must be a number (value \"" + value + "\")");
      }
      if (d.get("MinValue") != null && n.compareTo(new BigDecimal(String.valueOf(d.get("MinValue")))) < 0) {
        return Optional.of(p + "must be a number not less than " + d.get("MinValue") + " (value " + value + ")");
      }
      if (d.get("MaxValue") != null && n.compareTo(new BigDecimal(String.valueOf(d.get("MaxValue")))) > 0) {
        return Optional.of(p + "must be a number not greater than " + d.get("MaxValue") + " (value " + value + ")");
      }
    }
    if (d.get("AllowedValues") instanceof List<?> allowed
        && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
      return Optional.of(p + "must be one of AllowedValues " + allowed + " (value \"" + value + "\")");
    }
    if (d.get("AllowedPattern") instanceof String pattern) {
      try {
        if (!Pattern.compile(pattern).matcher(value).matches()) {
          return Optional.of(p + "must match pattern " + pattern + " (value \"" + value + "\")");
        }
      } catch (PatternSyntaxException e) {
        return Optional.of(p + "has an AllowedPattern that is no regular expression: " + e.getDescription());
      }
    }
    if (d.get("MinLength") instanceof Integer min && value.length() < min) {
      return Optional.of(p + "must contain at least " + min + " characters (value \"" + value + "\")");
    }
    if (d.get("MaxLength") instanceof Integer max && value.length() > max) {
      return Optional.of(p + "must contain at most " + max + " characters");
    }
    return Optional.empty();
  }
}
