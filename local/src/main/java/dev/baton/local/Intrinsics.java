package dev.baton.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives local values to the CloudFormation intrinsics a function's environment uses, the way the deployed stack
 * would: {@code !Ref Parameter} is the parameter's default, {@code !Ref Table} the local table's name, a topic's
 * {@code !Ref} or a resource's {@code Arn} a local ARN in the stack's account and region.
 */
final class Intrinsics {
  static final String ACCOUNT = "123456789012";
  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]+)}");

  private final SamTemplate template;
  private final String region;
  private final Map<String, String> physicalNames;

  Intrinsics(SamTemplate template, String region, Map<String, String> physicalNames) {
    this.template = template;
    this.region = region;
    this.physicalNames = physicalNames;
  }

  String resolve(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    Map<String, Object> fn = SamTemplate.asMap(value);
    if (fn.containsKey("Ref")) {
      return ref((String) fn.get("Ref"));
    }
    if (fn.containsKey("Fn::GetAtt")) {
      List<?> parts = (List<?>) fn.get("Fn::GetAtt");
      return getAtt((String) parts.get(0), (String) parts.get(1));
    }
    if (fn.containsKey("Fn::Sub") && fn.get("Fn::Sub") instanceof String text) {
      Matcher m = SUB_VAR.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String var = m.group(1);
        int dot = var.indexOf('.');
        String v = var.startsWith("AWS::") ? ref(var) : dot > 0 ? getAtt(var.substring(0, dot), var.substring(dot + 1))
            : ref(var);
        m.appendReplacement(out, Matcher.quoteReplacement(v));
      }
      m.appendTail(out);
      return out.toString();
    }
    throw new IllegalArgumentException("no local value for " + value);
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Region": return region;
      case "AWS::AccountId": return ACCOUNT;
      case "AWS::Partition": return "aws";
      case "AWS::StackName": return "baton-local";
      case "AWS::URLSuffix": return "amazonaws.com";
      default: break;
    }
    if (physicalNames.containsKey(name)) {
      return physicalNames.get(name);
    }
    Map<String, Object> param = SamTemplate.asMap(template.parameters().get(name));
    if (!param.isEmpty()) {
      Object def = param.get("Default");
      if (def == null) {
        throw new IllegalArgumentException("parameter " + name + " has no default; give it a local value");
      }
      return String.valueOf(def);
    }
    String type = (String) template.resource(name).get("Type");
    return switch (type) {
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + ACCOUNT + ":baton-local-" + name;
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/baton-local-" + name;
      default -> "baton-local-" + name;
    };
  }

  private String getAtt(String resource, String attribute) {
    String type = (String) template.resource(resource).get("Type");
    if (!attribute.equals("Arn")) {
      return "baton-local-" + resource + "-" + attribute;
    }
    String service = switch (type) {
      case "AWS::DynamoDB::Table" -> "dynamodb";
      case "AWS::SNS::Topic" -> "sns";
      case "AWS::SQS::Queue" -> "sqs";
      case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "lambda";
      case "AWS::SecretsManager::Secret" -> "secretsmanager";
      default -> type.split("::")[1].toLowerCase(java.util.Locale.ROOT);
    };
    String name = physicalNames.getOrDefault(resource, "baton-local-" + resource);
    return switch (service) {
      case "dynamodb" -> "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + name;
      case "lambda" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + name;
      case "secretsmanager" -> "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name;
      default -> "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + name;
    };
  }
}
