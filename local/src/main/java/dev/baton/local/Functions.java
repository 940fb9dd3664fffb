package dev.baton.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CloudFormation's intrinsic functions as data: CloudFormation's own error messages, and which functions each
 * argument position takes (the "Supported functions" of each function in the CloudFormation Template Reference,
 * and the function schemas cfn-lint checks with). Shared by the checks ({@link IntrinsicRules}) and the evaluation
 * ({@link Intrinsics}).
 */
final class Functions {
  private Functions() {}

  /** Where a value sits: each place allows its own functions. */
  enum Where { PROPERTY, CONDITIONS, RULES }

  /** What a value evaluates to, as far as can be told without evaluating it. */
  enum Kind { STRING, LIST, OBJECT, BOOLEAN, NO_VALUE, ANY }

  static final String JOIN = "Template error: every Fn::Join object requires two parameters, (1) a string delimiter "
      + "and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) "
      + "to be joined";
  static final String SPLIT = "Template error: every Fn::Split object requires two parameters, (1) a string "
      + "delimiter and (2) a string to be split or a function that returns a string to be split";
  static final String SELECT = "Template error: Fn::Select requires a list argument with two elements: an integer "
      + "index and a list";
  static final String SUB = "Template error: One or more Fn::Sub intrinsic functions don't specify expected "
      + "arguments. Specify a string as first argument, and an optional second argument to specify a mapping of "
      + "values to replace in the string";
  static final String IF = "Template error: Fn::If requires a list argument with three elements";
  static final String GET_ATT = "Template error: every Fn::GetAtt object requires two non-empty parameters, the "
      + "resource name and the resource attribute";
  static final String CONDITIONS_ONLY = "Template format error: Conditions can only be boolean operations on "
      + "parameters and other conditions";

  static final Set<String> PROPERTY_FUNCTIONS = Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join",
      "Fn::Split", "Fn::Select", "Fn::If", "Fn::Base64", "Fn::FindInMap", "Fn::GetAZs", "Fn::ImportValue",
      "Fn::Cidr", "Fn::Transform", "Fn::ToJsonString", "Fn::Length");
  static final Set<String> CONDITION_FUNCTIONS = Set.of("Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals",
      "Condition");
  static final Set<String> RULE_FUNCTIONS = Set.of("Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals",
      "Condition", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf",
      "Fn::ValueOfAll");
  static final Set<String> LANGUAGE_EXTENSIONS = Set.of("Fn::ToJsonString", "Fn::Length", "Fn::ForEach");
  static final Set<String> JOIN_ITEM = Set.of("Fn::Base64", "Fn::FindInMap", "Fn::GetAtt", "Fn::If",
      "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Sub", "Fn::Transform", "Ref");
  static final Set<String> LIST_MAKERS = Set.of("Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
      "Fn::If", "Fn::Split", "Ref");
  static final Set<String> STRING_SOURCE = Set.of("Fn::Base64", "Fn::FindInMap", "Fn::GetAtt", "Fn::If",
      "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Sub", "Ref");
  static final Set<String> SUB_VALUE = Set.of("Fn::Base64", "Fn::FindInMap", "Fn::GetAtt", "Fn::If",
      "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Sub", "Fn::ToJsonString", "Fn::Transform", "Ref");
  static final Set<String> EQUALS_ITEM = Set.of("Ref", "Fn::FindInMap", "Fn::Sub", "Fn::Join",
      "Fn::Select", "Fn::Split", "Fn::Length", "Fn::ToJsonString", "Fn::ValueOf");
  static final Set<String> SELECT_INDEX = Set.of("Ref", "Fn::FindInMap", "Fn::Length");
  static final Set<String> SELECT_ITEM = Set.of("Fn::FindInMap", "Fn::GetAtt", "Fn::If", "Ref");
  static final Set<String> RULE_LIST = Set.of("Ref", "Fn::RefAll", "Fn::ValueOfAll", "Fn::ValueOf");
  static final Set<String> RULE_STRING = Set.of("Ref", "Fn::ValueOf");

  /** The intrinsic a node is ({@code Ref}, {@code Fn::X}, or in Conditions and Rules {@code Condition}), if any. */
  static Optional<String> function(Object node, Where where) {
    if (node instanceof Map<?, ?> m && m.size() == 1) {
      String key = String.valueOf(m.keySet().iterator().next());
      if (key.equals("Ref") || key.startsWith("Fn::") || (key.equals("Condition") && where != Where.PROPERTY)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** How a value is named in a message: {@code a Fn::Sub}, {@code the list [...]}, {@code "text"}. */
  static String describe(Object node, Where where) {
    Optional<String> fn = function(node, where);
    if (fn.isPresent()) {
      return "a " + fn.get();
    }
    if (node instanceof List<?> l) {
      return "the list " + l;
    }
    if (node instanceof Map<?, ?> m) {
      return "the object " + m;
    }
    return node instanceof String s ? "\"" + s + "\"" : String.valueOf(node);
  }

}
