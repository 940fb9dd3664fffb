package dev.baton.local;

import static dev.baton.local.Functions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's argument rules for the intrinsic functions (the "Supported functions" and "Parameters" of each in
 * the CloudFormation Template Reference), applied where the function appears: resource properties and outputs,
 * the Conditions section, or Rules. Each violation is reported once, in CloudFormation's words where it has them,
 * followed by what exactly is wrong and the path to it.
 */
final class IntrinsicRules {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern SUB_NAME = Pattern.compile("[A-Za-z0-9_.:]+");

  private final TemplateNames names;
  private final boolean languageExtensions;
  private final Set<String> mappings;
  private final Consumer<String> problems;

  IntrinsicRules(TemplateNames names, boolean languageExtensions, Set<String> mappings, Consumer<String> problems) {
    this.names = names;
    this.languageExtensions = languageExtensions;
    this.mappings = mappings;
    this.problems = problems;
  }

  /** Checks a value and everything in it; returns what it evaluates to. */
  Kind value(Object node, Where where, String path) {
    Optional<String> fn = function(node, where);
    if (fn.isPresent()) {
      Set<String> allowed = where == Where.PROPERTY ? PROPERTY_FUNCTIONS
          : where == Where.RULES ? RULE_FUNCTIONS : CONDITION_FUNCTIONS;
      return call(fn.get(), SamTemplate.asMap(node).get(fn.get()), allowed, where, path);
    }
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (String.valueOf(k).startsWith("Fn::")) {
          report("Template format error: " + k + " must be the only key of its object", path);
        }
        value(v, where, path + "/" + k);
      });
      return Kind.OBJECT;
    }
    if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        value(l.get(i), where, path + "/" + i);
      }
      return Kind.LIST;
    }
    return node instanceof Boolean && where != Where.PROPERTY ? Kind.BOOLEAN : Kind.STRING;
  }

  /** The Conditions section's value of one condition: a condition function, nothing else. */
  void condition(Object node, String path) {
    Optional<String> fn = function(node, Where.CONDITIONS);
    if (fn.isEmpty() || !CONDITION_FUNCTIONS.contains(fn.get())) {
      report(CONDITIONS_ONLY + ": a condition is Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, not "
          + describe(node, Where.CONDITIONS), path);
      return;
    }
    value(node, Where.CONDITIONS, path);
  }

  /** A rule's RuleCondition or Assert: a rule function. */
  void ruleCondition(Object node, String path) {
    Optional<String> fn = function(node, Where.RULES);
    if (fn.isEmpty() || !RULE_FUNCTIONS.contains(fn.get()) || fn.get().equals("Fn::RefAll")
        || fn.get().equals("Fn::ValueOf") || fn.get().equals("Fn::ValueOfAll")) {
      report("Template format error: a rule condition or assertion must be one of Fn::And, Fn::Contains, "
          + "Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not, Fn::Or, not " + describe(node, Where.RULES),
          path);
      return;
    }
    value(node, Where.RULES, path);
  }

  private Kind call(String fn, Object arg, Set<String> allowed, Where where, String path) {
    String at = path + "/" + fn;
    if (LANGUAGE_EXTENSIONS.contains(fn) && !languageExtensions) {
      report("Template error: " + fn + " needs the AWS::LanguageExtensions transform, which this template does not "
          + "declare", at);
      return Kind.ANY;
    }
    if (!allowed.contains(fn)) {
      report(notAllowed(fn, where), at);
      return Kind.ANY;
    }
    return switch (fn) {
      case "Ref" -> ref(arg, where, at);
      case "Fn::GetAtt" -> getAtt(arg, where, at);
      case "Fn::Sub" -> sub(arg, where, at);
      case "Fn::Join" -> join(arg, where, at);
      case "Fn::Split" -> split(arg, where, at);
      case "Fn::Select" -> select(arg, where, at);
      case "Fn::If" -> ifFunction(arg, where, at);
      case "Fn::Equals" -> equals(arg, where, at);
      case "Fn::And", "Fn::Or" -> connective(fn, arg, 2, 10, where, at);
      case "Fn::Not" -> connective(fn, arg, 1, 1, where, at);
      case "Condition" -> conditionRef(arg, at);
      case "Fn::Contains", "Fn::EachMemberEquals" -> ruleArguments(fn, arg, Kind.STRING, at);
      case "Fn::EachMemberIn" -> ruleArguments(fn, arg, Kind.LIST, at);
      case "Fn::RefAll" -> literalString(fn, arg, at) ? Kind.LIST : Kind.ANY;
      case "Fn::ValueOf", "Fn::ValueOfAll" -> valueOf(fn, arg, at);
      case "Fn::FindInMap" -> findInMap(arg, where, at);
      case "Fn::Cidr" -> arity(fn, arg, 3, where, at) ? Kind.LIST : Kind.ANY;
      case "Fn::GetAZs" -> { value(arg, where, at); yield Kind.LIST; }
      default -> { value(arg, where, at); yield fn.equals("Fn::Length") ? Kind.STRING : Kind.ANY; }
    };
  }

  private Kind ref(Object arg, Where where, String at) {
    if (!(arg instanceof String name)) {
      if (languageExtensions && arg instanceof Map) {
        value(arg, where, at);
        return Kind.ANY;
      }
      report("Template error: Ref takes the logical name of a parameter or resource (a string), not "
          + describe(arg, where), at);
      return Kind.ANY;
    }
    if (where != Where.PROPERTY && !names.isParameter(name) && !TemplateNames.PSEUDO_PARAMETERS.contains(name)) {
      String block = where == Where.RULES ? "Rules" : "Conditions";
      report("Template format error: Unresolved dependencies [" + name + "]. Cannot reference resources in the "
          + block + " block of the template", at);
      return Kind.ANY;
    }
    if (!names.refExists(name)) {
      report("Template format error: Unresolved resource dependencies [" + name + "] in the Resources block of the "
          + "template", at);
      return Kind.ANY;
    }
    if (name.equals("AWS::NoValue")) {
      if (where != Where.PROPERTY) {
        report("Template error: AWS::NoValue removes a property; it has no value to use in " + where.name()
            .toLowerCase(java.util.Locale.ROOT), at);
      }
      return Kind.NO_VALUE;
    }
    return names.isListParameter(name) || name.equals("AWS::NotificationARNs") ? Kind.LIST : Kind.STRING;
  }

  private Kind getAtt(Object arg, Where where, String at) {
    List<?> parts = arg instanceof String s && s.contains(".") ? List.of(s.substring(0, s.indexOf('.')),
        s.substring(s.indexOf('.') + 1)) : arg instanceof List<?> l ? l : List.of();
    if (parts.size() != 2 || !(parts.get(0) instanceof String resource) || resource.isEmpty()) {
      report(GET_ATT, at);
      return Kind.ANY;
    }
    if (parts.get(1) instanceof String attribute && !attribute.isEmpty()) {
      names.getAttProblem(resource, attribute).ifPresent(p -> report(p, at));
    } else if (function(parts.get(1), where).filter("Ref"::equals).isPresent()) {
      value(parts.get(1), where, at + "/1");
      names.type(resource).orElseGet(() -> {
        report("Template error: instance of Fn::GetAtt references undefined resource " + resource, at);
        return "";
      });
    } else {
      report(GET_ATT + ": the attribute is " + describe(parts.get(1), where), at);
    }
    return Kind.STRING;
  }

  private Kind sub(Object arg, Where where, String at) {
    Object text = arg;
    Map<String, Object> variables = Map.of();
    if (arg instanceof List<?> l) {
      if (l.size() != 2 || !(l.get(1) instanceof Map<?, ?>) || function(l.get(1), where).isPresent()) {
        report(SUB + ": [string, {variable: value}] expected, found " + describe(arg, where), at);
        return Kind.STRING;
      }
      text = l.get(0);
      variables = SamTemplate.asMap(l.get(1));
      variables.forEach((k, v) -> {
        if (!k.matches("[A-Za-z0-9_]+")) {
          report(SUB + ": the variable name \"" + k + "\" is not alphanumeric", at + "/1");
        }
        expect(v, SUB_VALUE, Kind.STRING, where, at + "/1/" + k, "a Fn::Sub variable's value");
      });
    }
    if (!(text instanceof String template)) {
      report(SUB + ": the string to substitute in is " + describe(text, where) + "; it must be a literal string",
          at + (arg instanceof List ? "/0" : ""));
      return Kind.STRING;
    }
    Matcher m = SUB_VARIABLE.matcher(template);
    while (m.find()) {
      String var = m.group(1);
      if (var.startsWith("!")) {
        continue;
      }
      if (!SUB_NAME.matcher(var).matches()) {
        report("Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, "
            + "underscores, periods, and colons (found ${" + var + "})", at);
      } else if (!variables.containsKey(var)) {
        subVariable(var, at);
      }
    }
    return Kind.STRING;
  }

  /** A {@code ${name}} not in the Fn::Sub map: a parameter, pseudo parameter or resource, or a resource attribute. */
  private void subVariable(String var, String at) {
    if (var.equals("AWS::NoValue")) {
      report("Template error: AWS::NoValue cannot be substituted in Fn::Sub", at);
    } else if (names.refExists(var)) {
      if (names.isListParameter(var)) {
        report("Template error: ${" + var + "} is a list parameter; Fn::Sub substitutes strings only (join it "
            + "first, in the variable map)", at);
      }
    } else if (var.contains(".") && !var.startsWith("AWS::")) {
      names.getAttProblem(var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1))
          .ifPresent(p -> report(p + " (in Fn::Sub ${" + var + "})", at));
    } else {
      report("Template format error: Unresolved resource dependencies [" + var + "] in the Resources block of the "
          + "template (Fn::Sub ${" + var + "})", at);
    }
  }

  private Kind join(Object arg, Where where, String at) {
    delimited(arg, JOIN, where, at).ifPresent(value -> listArgument(value, "Fn::Join", JOIN, where, at + "/1"));
    return Kind.STRING;
  }

  /** The second argument of a [delimiter, value] pair whose delimiter must be a literal string (Join, Split). */
  private Optional<Object> delimited(Object arg, String rule, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 2) {
      report(rule + ": found " + describe(arg, where), at);
      return Optional.empty();
    }
    if (!(l.get(0) instanceof String)) {
      report(rule + ": the delimiter is " + describe(l.get(0), where) + "; it must be a literal string", at + "/0");
    }
    return Optional.of(l.get(1));
  }

  /** The list a Fn::Join or Fn::Select works on: a literal list, or a function that returns one. */
  private void listArgument(Object list, String fn, String rule, Where where, String at) {
    if (list instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        expect(items.get(i), fn.equals("Fn::Join") ? JOIN_ITEM : SELECT_ITEM,
            fn.equals("Fn::Join") ? Kind.STRING : Kind.ANY, where, at + "/" + i, "an item of " + fn + "'s list");
      }
      return;
    }
    Optional<String> inner = function(list, where);
    if (inner.isEmpty() || !LIST_MAKERS.contains(inner.get())) {
      report(rule + ": its list is " + describe(list, where), at);
      return;
    }
    Kind kind = call(inner.get(), SamTemplate.asMap(list).get(inner.get()), LIST_MAKERS, where, at);
    if (kind == Kind.STRING) {
      report(rule + ": its list is " + describe(list, where) + ", which returns a string, not a list", at);
    }
  }

  private Kind split(Object arg, Where where, String at) {
    delimited(arg, SPLIT, where, at).ifPresent(value ->
        expect(value, STRING_SOURCE, Kind.STRING, where, at + "/1", "the string Fn::Split splits"));
    return Kind.LIST;
  }

  private Kind select(Object arg, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 2) {
      report(SELECT + ": found " + describe(arg, where), at);
      return Kind.ANY;
    }
    Object index = l.get(0);
    Integer literal = index instanceof Integer i ? i
        : index instanceof String s && s.matches("[0-9]{1,9}") ? Integer.valueOf(s) : null;
    if (literal == null && function(index, where).filter(SELECT_INDEX::contains).isEmpty()) {
      report(SELECT + ": the index is " + describe(index, where) + "; it must be a whole number from 0 (or a Ref or "
          + "Fn::FindInMap giving one)", at + "/0");
    } else if (literal == null) {
      expect(index, SELECT_INDEX, Kind.STRING, where, at + "/0", "Fn::Select's index");
    }
    listArgument(l.get(1), "Fn::Select", SELECT, where, at + "/1");
    if (literal != null && l.get(1) instanceof List<?> items && literal >= items.size()) {
      report("Template error: Fn::Select cannot select nonexistent value at index " + literal, at);
    }
    return Kind.ANY;
  }

  private Kind ifFunction(Object arg, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 3) {
      report(IF + ": [condition name, value if true, value if false], found " + describe(arg, where), at);
      return Kind.ANY;
    }
    if (!(l.get(0) instanceof String name)) {
      report(IF + ": the first is the name of a condition, not " + describe(l.get(0), where), at + "/0");
    } else if (!names.isCondition(name)) {
      report("Template error: unresolved condition dependency " + name + " in Fn::If", at + "/0");
    }
    Kind yes = value(l.get(1), where, at + "/1");
    Kind no = value(l.get(2), where, at + "/2");
    return yes == no || no == Kind.NO_VALUE ? yes : yes == Kind.NO_VALUE ? no : Kind.ANY;
  }

  private Kind equals(Object arg, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 2) {
      report("Template error: Fn::Equals requires a list argument with two elements, the values to compare; found "
          + describe(arg, where), at);
      return Kind.BOOLEAN;
    }
    for (int i = 0; i < 2; i++) {
      expect(l.get(i), EQUALS_ITEM, Kind.STRING, where, at + "/" + i, "a value Fn::Equals compares");
    }
    return Kind.BOOLEAN;
  }

  private Kind connective(String fn, Object arg, int min, int max, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() < min || l.size() > max) {
      report("Template error: " + fn + " requires a list argument with " + (min == max ? "one condition"
          : "between " + min + " and " + max + " conditions") + "; found " + describe(arg, where), at);
      return Kind.BOOLEAN;
    }
    Set<String> inner = where == Where.RULES ? RULE_FUNCTIONS : CONDITION_FUNCTIONS;
    for (int i = 0; i < l.size(); i++) {
      Optional<String> f = function(l.get(i), where);
      if (f.isEmpty() || !inner.contains(f.get())) {
        report(CONDITIONS_ONLY + ": " + fn + " combines conditions, not " + describe(l.get(i), where), at + "/" + i);
      } else {
        value(l.get(i), where, at + "/" + i);
      }
    }
    return Kind.BOOLEAN;
  }

  private Kind conditionRef(Object arg, String at) {
    if (!(arg instanceof String name)) {
      report("Template error: Condition takes the name of a condition, not " + arg, at);
    } else if (!names.isCondition(name)) {
      report("Template format error: Unresolved dependencies [" + name + "]: no such condition in the Conditions "
          + "section", at);
    }
    return Kind.BOOLEAN;
  }

  private Kind ruleArguments(String fn, Object arg, Kind second, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 2) {
      report("Template error: " + fn + " requires a list argument with two elements; found " + arg, at);
      return Kind.BOOLEAN;
    }
    expect(l.get(0), RULE_LIST, Kind.LIST, Where.RULES, at + "/0", "the list " + fn + " looks in");
    expect(l.get(1), second == Kind.LIST ? RULE_LIST : RULE_STRING, second, Where.RULES, at + "/1",
        second == Kind.LIST ? "the list of allowed values" : "the value " + fn + " looks for");
    return Kind.BOOLEAN;
  }

  private Kind valueOf(String fn, Object arg, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof String p) || !(l.get(1) instanceof String)) {
      report("Template error: " + fn + " requires [" + (fn.equals("Fn::ValueOf") ? "parameter name" : "parameter type")
          + ", attribute]; found " + arg, at);
      return Kind.ANY;
    }
    if (fn.equals("Fn::ValueOf") && !names.isParameter(p)) {
      report("Template format error: Unresolved dependencies [" + p + "]: Fn::ValueOf takes a parameter", at);
    }
    return fn.equals("Fn::ValueOf") ? Kind.STRING : Kind.LIST;
  }

  private Kind findInMap(Object arg, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != 3) {
      report("Template error: Fn::FindInMap requires [map name, top-level key, second-level key]; found " + arg, at);
      return Kind.ANY;
    }
    if (l.get(0) instanceof String map && !mappings.contains(map)) {
      report("Template error: Mapping named '" + map + "' is not present in the 'Mappings' section of template", at);
    }
    for (int i = 0; i < 3; i++) {
      expect(l.get(i), Set.of("Ref", "Fn::FindInMap"), Kind.STRING, where, at + "/" + i, "a Fn::FindInMap key");
    }
    return Kind.ANY;
  }

  private boolean arity(String fn, Object arg, int n, Where where, String at) {
    if (!(arg instanceof List<?> l) || l.size() != n) {
      report("Template error: " + fn + " requires a list argument with " + n + " elements; found " + arg, at);
      return false;
    }
    value(arg, where, at);
    return true;
  }

  private boolean literalString(String fn, Object arg, String at) {
    if (!(arg instanceof String)) {
      report("Template error: " + fn + " takes a literal string; found " + arg, at);
      return false;
    }
    return true;
  }

  /** One argument: a literal of {@code want}, or one of {@code allowed} functions that gives one. */
  private void expect(Object node, Set<String> allowed, Kind want, Where where, String path, String role) {
    Optional<String> fn = function(node, where);
    if (fn.isPresent() && !allowed.contains(fn.get())) {
      report("Template error: " + fn.get() + " cannot be " + role + "; that takes a literal or one of "
          + new java.util.TreeSet<>(allowed), path);
      return;
    }
    Kind kind = fn.isPresent() ? call(fn.get(), SamTemplate.asMap(node).get(fn.get()), allowed, where, path)
        : node instanceof List ? Kind.LIST
        : node instanceof Map ? Kind.OBJECT : Kind.STRING;
    if (fn.isEmpty() && node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        expect(l.get(i), allowed, Kind.STRING, where, path + "/" + i, "an item of " + role);
      }
    }
    boolean fits = want == Kind.ANY || kind == Kind.ANY || kind == want || (want == Kind.STRING && kind == Kind.NO_VALUE
        && where == Where.PROPERTY);
    if (!fits) {
      report("Template error: " + role + " must be " + (want == Kind.LIST ? "a list" : "a string") + "; "
          + describe(node, where) + " is " + (kind == Kind.LIST ? "a list" : kind == Kind.OBJECT ? "an object"
          : kind.name().toLowerCase(java.util.Locale.ROOT)), path);
    }
  }

  private static String notAllowed(String fn, Where where) {
    if (!PROPERTY_FUNCTIONS.contains(fn) && !RULE_FUNCTIONS.contains(fn) && !LANGUAGE_EXTENSIONS.contains(fn)) {
      return "Template format error: Encountered unsupported function: " + fn;
    }
    return switch (where) {
      case PROPERTY -> "Template error: " + fn + " is a " + (CONDITION_FUNCTIONS.contains(fn) ? "condition"
          : "rule") + " function: it can be used only in the Conditions section and in Rules (in resources and "
          + "outputs, choose with Fn::If on a named condition)";
      case CONDITIONS -> CONDITIONS_ONLY + ": " + fn + " cannot be used in the Conditions section";
      case RULES -> "Template format error: " + fn + " cannot be used in Rules (they take Fn::And, Fn::Contains, "
          + "Fn::EachMemberEquals, Fn::EachMemberIn, Fn::Equals, Fn::Not, Fn::Or, Fn::RefAll, Fn::ValueOf, "
          + "Fn::ValueOfAll and Ref to parameters)";
    };
  }

  private void report(String problem, String path) {
    problems.accept(problem + " [" + path + "]");
  }
}
