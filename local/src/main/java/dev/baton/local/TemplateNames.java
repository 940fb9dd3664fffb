package dev.baton.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a template's references can name, as CloudFormation sees it after the SAM transform: the parameters, the
 * pseudo parameters, the declared resources and those SAM generates for each {@code AWS::Serverless::Function}
 * (its role, alias, URL, event rules and subscriptions, as the SAM docs "Referencing generated CloudFormation
 * resources" list them), the conditions, and the {@code Fn::GetAtt} attributes of each resource type.
 */
final class TemplateNames {
  static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

  /** Return values ({@code Fn::GetAtt}) of the resource types this check knows, from the CloudFormation reference. */
  private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
      Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
      Map.entry("AWS::S3::Bucket", Set.of("Arn", "DomainName", "DualStackDomainName", "RegionalDomainName",
          "WebsiteURL")),
      Map.entry("AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl")),
      Map.entry("AWS::SQS::QueuePolicy", Set.of("Id")),
      Map.entry("AWS::SNS::Topic", Set.of("TopicArn", "TopicName")),
      Map.entry("AWS::SNS::Subscription", Set.of("Arn")),
      Map.entry("AWS::CloudWatch::Dashboard", Set.of()),
      Map.entry("AWS::IAM::Policy", Set.of("Id")),
      Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
      Map.entry("AWS::KMS::Key", Set.of("Arn", "KeyId")),
      Map.entry("AWS::Lambda::Function", Set.of("Arn", "SnapStartResponse.ApplyOn",
          "SnapStartResponse.OptimizationStatus")),
      Map.entry("AWS::Lambda::Version", Set.of("FunctionArn", "Version")),
      Map.entry("AWS::Lambda::Alias", Set.of("AliasArn")),
      Map.entry("AWS::Lambda::Url", Set.of("FunctionArn", "FunctionUrl")),
      Map.entry("AWS::Lambda::Permission", Set.of("Id")),
      Map.entry("AWS::Lambda::EventInvokeConfig", Set.of()),
      Map.entry("AWS::Lambda::EventSourceMapping", Set.of("EventSourceMappingArn", "Id")),
      Map.entry("AWS::Events::Rule", Set.of("Arn")),
      Map.entry("AWS::Events::EventBus", Set.of("Arn", "Name", "Policy")),
      Map.entry("AWS::ApiGatewayV2::Api", Set.of("ApiEndpoint", "ApiId")),
      Map.entry("AWS::SecretsManager::Secret", Set.of("Id")),
      Map.entry("AWS::SSM::Parameter", Set.of("Type", "Value")),
      Map.entry("AWS::S3::BucketPolicy", Set.of()),
      Map.entry("AWS::SNS::TopicPolicy", Set.of("Id")),
      Map.entry("AWS::IAM::ManagedPolicy", Set.of("PolicyArn", "PolicyId", "DefaultVersionId", "AttachmentCount",
          "CreateDate", "UpdateDate", "IsAttachable", "PermissionsBoundaryUsageCount")),
      Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
      Map.entry("AWS::CodeBuild::Project", Set.of("Arn")),
      Map.entry("AWS::CodePipeline::Pipeline", Set.of("Version")));

  private final Map<String, Object> parameters;
  private final Set<String> conditions;
  /** Logical id to CloudFormation type, SAM-generated resources included (a function is AWS::Lambda::Function). */
  private final Map<String, String> types = new LinkedHashMap<>();
  /** Logical ids of functions with {@code AutoPublishAlias}: {@code Ref F.Alias} and {@code Ref F.Version} exist. */
  private final Set<String> aliased = new java.util.HashSet<>();

  TemplateNames(SamTemplate template) {
    this.parameters = template.parameters();
    this.conditions = template.conditions().keySet();
    Map<String, Object> globals = template.functionGlobals();
    template.resources().forEach((id, r) -> {
      Object type = r instanceof Map<?, ?> m ? m.get("Type") : null;
      if (!(type instanceof String t)) {
        return;
      }
      if (t.equals("AWS::Serverless::Function")) {
        Map<String, Object> props = new LinkedHashMap<>(globals);
        props.putAll(SamTemplate.asMap(SamTemplate.asMap(r).get("Properties") instanceof Map<?, ?> p ? p : Map.of()));
        generated(id, props);
      } else {
        types.put(id, t);
      }
    });
  }

  private void generated(String id, Map<String, Object> props) {
    types.put(id, "AWS::Lambda::Function");
    if (!props.containsKey("Role")) {
      types.put(id + "Role", "AWS::IAM::Role");
    }
    if (props.get("AutoPublishAlias") instanceof String alias) {
      aliased.add(id);
      types.put(id + "Alias" + alias, "AWS::Lambda::Alias");
    }
    if (props.containsKey("FunctionUrlConfig")) {
      types.put(id + "Url", "AWS::Lambda::Url");
    }
    if (props.containsKey("EventInvokeConfig")) {
      types.put(id + "EventInvokeConfig", "AWS::Lambda::EventInvokeConfig");
    }
    if (props.get("Events") instanceof Map<?, ?> events) {
      events.forEach((name, e) -> {
        Object type = e instanceof Map<?, ?> m ? m.get("Type") : null;
        String generated = switch (String.valueOf(type)) {
          case "EventBridgeRule", "CloudWatchEvent", "Schedule" -> "AWS::Events::Rule";
          case "SNS" -> "AWS::SNS::Subscription";
          case "SQS", "Kinesis", "DynamoDB", "MSK", "MQ" -> "AWS::Lambda::EventSourceMapping";
          default -> null;
        };
        if (generated != null) {
          types.put(id + name, generated);
        }
        types.put(id + name + "Permission", "AWS::Lambda::Permission");
      });
    }
  }

  boolean isParameter(String name) {
    return parameters.containsKey(name);
  }

  /** True for a parameter whose {@code Ref} is a list (CommaDelimitedList, {@code List<...>}). */
  boolean isListParameter(String name) {
    return parameters.get(name) instanceof Map<?, ?> p && p.get("Type") instanceof String t
        && (t.equals("CommaDelimitedList") || t.startsWith("List<"));
  }

  boolean isCondition(String name) {
    return conditions.contains(name);
  }

  /** The type of a resource, declared or generated by SAM. */
  Optional<String> type(String logicalId) {
    return Optional.ofNullable(types.get(logicalId));
  }

  /** True when {@code Ref name} names something: a parameter, a pseudo parameter, a resource, {@code F.Alias}. */
  boolean refExists(String name) {
    if (isParameter(name) || PSEUDO_PARAMETERS.contains(name) || types.containsKey(name)) {
      return true;
    }
    int dot = name.indexOf('.');
    return dot > 0 && aliased.contains(name.substring(0, dot))
        && Set.of("Alias", "Version").contains(name.substring(dot + 1));
  }

  /** Why {@code Fn::GetAtt [resource, attribute]} would be refused, or empty when CloudFormation takes it. */
  Optional<String> getAttProblem(String resource, String attribute) {
    Optional<String> type = type(resource);
    if (type.isEmpty()) {
      return Optional.of("Template error: instance of Fn::GetAtt references undefined resource " + resource);
    }
    Set<String> known = ATTRIBUTES.get(type.get());
    if (known == null) {
      return Optional.of("Template error: this check does not know the attributes of " + type.get() + " (resource "
          + resource + "): add its return values from the CloudFormation reference to TemplateNames");
    }
    if (!known.contains(attribute)) {
      return Optional.of("Template error: resource " + resource + " does not support attribute type " + attribute
          + " in Fn::GetAtt (" + type.get() + " has " + (known.isEmpty() ? "none" : new java.util.TreeSet<>(known))
          + ")");
    }
    return Optional.empty();
  }
}
