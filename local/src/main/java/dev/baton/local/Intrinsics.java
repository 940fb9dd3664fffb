package dev.baton.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the intrinsic functions as the deployed stack would, for given parameter values: {@code Ref} to a
 * parameter is its value, to a resource a local physical name ({@code !Ref Table} the local table's name, a topic a
 * local ARN), {@code Fn::GetAtt} a local ARN in the stack's account and region; {@code Fn::Sub}, {@code Fn::Join},
 * {@code Fn::Split}, {@code Fn::Select}, {@code Fn::If} on the template's conditions, the condition functions and
 * the functions of Rules. It is as strict as CloudFormation about arguments: what CloudFormation refuses (a
 * non-literal delimiter, an index past the list's end, an undeclared condition) fails here with its message.
 */
public final class Intrinsics {
  static final String ACCOUNT = "123456789012";
  /** {@code Ref AWS::NoValue}: the property or list item is left out. */
  private static final Object NO_VALUE = new Object();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final SamTemplate template;
  private final StackParameters parameters;
  private final String region;
  private final String stackName;
  private final Map<String, String> physicalNames;
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final TemplateNames names;

  public Intrinsics(SamTemplate template, StackParameters parameters, String region, String stackName,
                    Map<String, String> physicalNames) {
    this.template = template;
    this.parameters = parameters;
    this.region = region;
    this.stackName = stackName;
    this.physicalNames = physicalNames;
    this.names = new TemplateNames(template);
  }

  /** With the template's default parameter values, as {@code ./baton invoke} and the demo run the stack. */
  Intrinsics(SamTemplate template, String region, Map<String, String> physicalNames) {
    this(template, StackParameters.defaults(template), region, "baton-local", physicalNames);
  }

  /** The value of {@code value}: a String, Number, Boolean, List or Map, with every function evaluated. */
  public Object resolve(Object value) {
    Object v = eval(value);
    if (v == NO_VALUE) {
      throw new IllegalArgumentException("the value is AWS::NoValue: there is none");
    }
    return v;
  }

  /** The value of {@code value}, which must be a string (numbers and booleans are written as text). */
  public String resolveString(Object value) {
    Object v = resolve(value);
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException("expected a string, found " + v);
    }
    return String.valueOf(v);
  }

  /** Whether the named condition of the Conditions section holds for these parameter values. */
  public boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    if (!template.conditions().containsKey(name)) {
      throw new IllegalArgumentException("Template error: unresolved condition dependency " + name + " in Fn::If");
    }
    boolean holds = bool(template.conditions().get(name));
    conditions.put(name, holds);
    return holds;
  }

  /** Evaluates a condition or rule function (Fn::Equals, Fn::And, Fn::Contains, ...). */
  public boolean bool(Object node) {
    Object v = eval(node);
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(Functions.CONDITIONS_ONLY + ": " + node + " is not a condition");
    }
    return b;
  }

  private Object eval(Object node) {
    Optional<String> fn = Functions.function(node, Functions.Where.CONDITIONS)
        .filter(f -> !f.equals("Condition") || template.conditions().containsKey(
            String.valueOf(SamTemplate.asMap(node).get("Condition"))));
    if (fn.isPresent()) {
      return call(fn.get(), SamTemplate.asMap(node).get(fn.get()));
    }
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        Object r = eval(v);
        if (r != NO_VALUE) {
          out.put(String.valueOf(k), r);
        }
      });
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object item : l) {
        Object r = eval(item);
        if (r != NO_VALUE) {
          out.add(r);
        }
      }
      return out;
    }
    return node;
  }

  private Object call(String fn, Object arg) {
    return switch (fn) {
      case "Ref" -> ref(literal(arg, "Ref"));
      case "Fn::GetAtt" -> {
        List<?> parts = arg instanceof String s ? List.of(s.split("\\.", 2)) : list(arg, 2, Functions.GET_ATT);
        yield getAtt(text(parts.get(0)), text(eval(parts.get(1))));
      }
      case "Fn::Sub" -> sub(arg);
      case "Fn::Join" -> {
        List<?> a = list(arg, 2, Functions.JOIN);
        String delimiter = literal(a.get(0), Functions.JOIN + ": the delimiter");
        yield String.join(delimiter, strings(eval(a.get(1)), Functions.JOIN));
      }
      case "Fn::Split" -> {
        List<?> a = list(arg, 2, Functions.SPLIT);
        String delimiter = literal(a.get(0), Functions.SPLIT + ": the delimiter");
        yield List.of(text(eval(a.get(1))).split(Pattern.quote(delimiter), -1));
      }
      case "Fn::Select" -> select(list(arg, 2, Functions.SELECT));
      case "Fn::If" -> {
        List<?> a = list(arg, 3, Functions.IF);
        yield condition(literal(a.get(0), Functions.IF + ": the condition name")) ? eval(a.get(1)) : eval(a.get(2));
      }
      case "Fn::Base64" -> Base64.getEncoder().encodeToString(text(eval(arg)).getBytes(StandardCharsets.UTF_8));
      case "Fn::FindInMap" -> findInMap(list(arg, 3, "Template error: Fn::FindInMap takes three arguments"));
      case "Condition" -> condition(literal(arg, "Condition"));
      case "Fn::Equals" -> {
        List<?> a = list(arg, 2, "Template error: Fn::Equals takes two values");
        yield text(eval(a.get(0))).equals(text(eval(a.get(1))));
      }
      case "Fn::Not" -> !bool(list(arg, 1, "Template error: Fn::Not takes one condition").get(0));
      case "Fn::And" -> list(arg, -1, "").stream().allMatch(this::bool);
      case "Fn::Or" -> list(arg, -1, "").stream().anyMatch(this::bool);
      case "Fn::Contains" -> {
        List<?> a = list(arg, 2, "Template error: Fn::Contains takes a list and a value");
        yield strings(eval(a.get(0)), "Fn::Contains").contains(text(eval(a.get(1))));
      }
      case "Fn::EachMemberEquals" -> {
        List<?> a = list(arg, 2, "Template error: Fn::EachMemberEquals takes a list and a value");
        String want = text(eval(a.get(1)));
        yield strings(eval(a.get(0)), fn).stream().allMatch(want::equals);
      }
      case "Fn::EachMemberIn" -> {
        List<?> a = list(arg, 2, "Template error: Fn::EachMemberIn takes two lists");
        yield strings(eval(a.get(1)), fn).containsAll(strings(eval(a.get(0)), fn));
      }
      default -> throw new IllegalArgumentException("no local value for " + fn + " (it needs AWS to answer)");
    };
  }

  private Object ref(String name) {
    switch (name) {
      case "AWS::Region": return region;
      case "AWS::AccountId": return ACCOUNT;
      case "AWS::Partition": return "aws";
      case "AWS::StackName": return stackName;
      case "AWS::URLSuffix": return "amazonaws.com";
      case "AWS::StackId": return "arn:aws:cloudformation:" + region + ":" + ACCOUNT + ":stack/" + stackName + "/local";
      case "AWS::NotificationARNs": return List.of();
      case "AWS::NoValue": return NO_VALUE;
      default: break;
    }
    if (physicalNames.containsKey(name)) {
      return physicalNames.get(name);
    }
    if (template.parameters().containsKey(name)) {
      return parameters.value(name).orElseThrow(() -> new IllegalArgumentException("parameter " + name
          + " has no default; give it a value"));
    }
    if (name.endsWith(".Alias") || name.endsWith(".Version")) {
      String function = name.substring(0, name.lastIndexOf('.'));
      return getAtt(function, "Arn") + (name.endsWith(".Alias") ? ":live" : ":1");
    }
    String type = names.type(name).orElseThrow(() -> new IllegalArgumentException("Template format error: "
        + "Unresolved resource dependencies [" + name + "] in the Resources block of the template"));
    return switch (type) {
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + stackName + "-" + name;
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + stackName + "-" + name;
      default -> stackName + "-" + name;
    };
  }

  private String getAtt(String resource, String attribute) {
    String type = names.type(resource).orElseThrow(() -> new IllegalArgumentException(
        "Template error: instance of Fn::GetAtt references undefined resource " + resource));
    String name = physicalNames.getOrDefault(resource, stackName + "-" + resource);
    if (!attribute.equals("Arn")) {
      return name + "-" + attribute;
    }
    return switch (type) {
      case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + name;
      case "AWS::Lambda::Function" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + name;
      case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + name;
      case "AWS::Events::Rule" -> "arn:aws:events:" + region + ":" + ACCOUNT + ":rule/" + name;
      default -> "arn:aws:" + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + region + ":" + ACCOUNT + ":" + name;
    };
  }

  private String sub(Object arg) {
    String text;
    Map<String, Object> variables = Map.of();
    if (arg instanceof List<?> l) {
      List<?> a = list(arg, 2, Functions.SUB);
      text = literal(a.get(0), Functions.SUB);
      variables = SamTemplate.asMap(a.get(1));
    } else {
      text = literal(arg, Functions.SUB);
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String value;
      if (var.startsWith("!")) {
        value = "${" + var.substring(1) + "}";
      } else if (variables.containsKey(var)) {
        value = text(eval(variables.get(var)));
      } else if (var.contains(".") && !var.startsWith("AWS::") && !template.parameters().containsKey(var)) {
        value = getAtt(var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1));
      } else {
        value = text(ref(var));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Object select(List<?> a) {
    Object index = eval(a.get(0));
    int i;
    try {
      i = Integer.parseInt(String.valueOf(index));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(Functions.SELECT + ": the index is " + index);
    }
    Object list = eval(a.get(1));
    if (!(list instanceof List<?> l)) {
      throw new IllegalArgumentException(Functions.SELECT + ": " + list + " is not a list");
    }
    if (i < 0 || i >= l.size()) {
      throw new IllegalArgumentException("Template error: Fn::Select cannot select nonexistent value at index " + i);
    }
    return l.get(i);
  }

  private Object findInMap(List<?> a) {
    Object top = template.section("Mappings").get(text(eval(a.get(0))));
    Object second = top instanceof Map<?, ?> m ? m.get(text(eval(a.get(1)))) : null;
    Object value = second instanceof Map<?, ?> m ? m.get(text(eval(a.get(2)))) : null;
    if (value == null) {
      throw new IllegalArgumentException("Template error: Unable to get mapping for " + a);
    }
    return value;
  }

  private static List<?> list(Object arg, int size, String rule) {
    if (!(arg instanceof List<?> l) || (size >= 0 && l.size() != size)) {
      throw new IllegalArgumentException(rule + ": found " + arg);
    }
    return l;
  }

  /** An argument CloudFormation takes only as a literal string (a delimiter, a Sub template, a condition name). */
  private static String literal(Object arg, String rule) {
    if (!(arg instanceof String s)) {
      throw new IllegalArgumentException(rule + " must be a literal string, not " + arg);
    }
    return s;
  }

  private static String text(Object value) {
    if (value instanceof Map || value instanceof List || value == NO_VALUE) {
      throw new IllegalArgumentException("expected a string, found " + (value == NO_VALUE ? "AWS::NoValue" : value));
    }
    return String.valueOf(value);
  }

  private static List<String> strings(Object value, String rule) {
    if (!(value instanceof List<?> l)) {
      throw new IllegalArgumentException(rule + ": " + value + " is not a list");
    }
    return l.stream().map(Intrinsics::text).toList();
  }
}
