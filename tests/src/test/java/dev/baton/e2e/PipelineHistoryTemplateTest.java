package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.core.pipeline.EventLevel;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** template.yaml's pipeline-history section, checked the way CloudFormation and SAM will read it. */
class PipelineHistoryTemplateTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();
  private static final SamTemplate.SamFunction FUNCTION = TEMPLATE.function("PipelineHistoryFunction");

  @Test
  void theHandlerIsInThePackagedZip() throws IOException {
    assertEquals("functions/pipeline-history/target/pipeline-history.zip", FUNCTION.codeUri());
    String handlerClass = FUNCTION.handler().substring(0, FUNCTION.handler().indexOf("::"));
    try (ZipFile zip = new ZipFile(Repo.root().resolve(FUNCTION.codeUri()).toFile())) {
      assertTrue(zip.getEntry(handlerClass.replace('.', '/') + ".class") != null, handlerClass);
      assertTrue(zip.stream().noneMatch(e -> e.getName().matches("lib/(apache|netty|aws-crt).*")),
          "url-connection-client only");
    }
    assertEquals(Set.of("BATON_TABLE", "BATON_RETENTION_DAYS", "BATON_METRICS_NAMESPACE"),
        FUNCTION.environment().keySet());
  }

  @Test
  void thePolicyAllowsOnlyUpdateItemOnTheTable() {
    List<?> policies = (List<?>) FUNCTION.properties().get("Policies");
    assertEquals(1, policies.size());
    List<?> statements = (List<?>) SamTemplate.asMap(policies.getFirst()).get("Statement");
    assertEquals(1, statements.size());
    Map<String, Object> s = SamTemplate.asMap(statements.getFirst());
    assertEquals("Allow", s.get("Effect"));
    assertEquals("dynamodb:UpdateItem", s.get("Action"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Table", "Arn")), s.get("Resource"));
  }

  @Test
  void theRuleTakesTheThreeCodePipelineDetailTypesOptionallyForNamedPipelines() {
    Map<String, Object> event = SamTemplate.asMap(SamTemplate.asMap(FUNCTION.properties().get("Events"))
        .get("StateChange"));
    assertEquals("EventBridgeRule", event.get("Type"));
    Map<String, Object> props = SamTemplate.asMap(event.get("Properties"));
    Map<String, Object> pattern = SamTemplate.asMap(props.get("Pattern"));
    assertEquals(List.of("aws.codepipeline"), pattern.get("source"));
    assertEquals(Arrays.stream(EventLevel.values()).map(EventLevel::detailType).toList(), pattern.get("detail-type"));
    List<?> choice = (List<?>) SamTemplate.asMap(pattern.get("detail")).get("Fn::If");
    assertEquals("LimitHistoryPipelines", choice.get(0));
    assertEquals(Map.of("pipeline", Map.of("Fn::Split", List.of(",", Map.of("Ref", "HistoryPipelineNames")))),
        choice.get(1));
    assertEquals(Map.of("Ref", "AWS::NoValue"), choice.get(2));
    assertEquals("", SamTemplate.asMap(TEMPLATE.parameters().get("HistoryPipelineNames")).get("Default"));
    assertTrue(SamTemplate.asMap(TEMPLATE.root().get("Conditions")).containsKey("LimitHistoryPipelines"));
    assertEquals(Map.of("Arn", Map.of("Fn::GetAtt", List.of("HistoryDeadLetterQueue", "Arn"))),
        props.get("DeadLetterConfig"));
  }

  @Test
  void failedInvocationsGoToTheQueueAndEventBridgeMayWriteToIt() {
    Map<String, Object> config = SamTemplate.asMap(FUNCTION.properties().get("EventInvokeConfig"));
    assertEquals(2, config.get("MaximumRetryAttempts"));
    Map<String, Object> onFailure = SamTemplate.asMap(SamTemplate.asMap(config.get("DestinationConfig"))
        .get("OnFailure"));
    assertEquals("SQS", onFailure.get("Type"));
    assertEquals(Map.of("Fn::GetAtt", List.of("HistoryDeadLetterQueue", "Arn")), onFailure.get("Destination"));
    Map<String, Object> policy = SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.resource("HistoryDeadLetterQueuePolicy")
        .get("Properties")).get("PolicyDocument"));
    Map<String, Object> statement = SamTemplate.asMap(((List<?>) policy.get("Statement")).getFirst());
    assertEquals("sqs:SendMessage", statement.get("Action"));
    assertEquals(Map.of("ArnEquals", Map.of("aws:SourceArn",
        Map.of("Fn::GetAtt", List.of("PipelineHistoryFunctionStateChange", "Arn")))), statement.get("Condition"));
  }

  @Test
  void theDashboardIsValidJsonAndShowsTheMetricsTheFunctionEmits() {
    Map<String, Object> props = SamTemplate.asMap(TEMPLATE.resource("HistoryDashboard").get("Properties"));
    String body = (String) SamTemplate.asMap(props.get("DashboardBody")).get("Fn::Sub");
    Matcher vars = Pattern.compile("\\$\\{([^}]+)}").matcher(body);
    Set<String> referenced = new TreeSet<>();
    while (vars.find()) {
      referenced.add(vars.group(1));
    }
    assertEquals(Set.of("AWS::Region", "AWS::StackName", "PipelineHistoryFunction",
        "HistoryDeadLetterQueue.QueueName"), referenced);
    JsonObject dashboard = Json.parseObject(body.replaceAll("\\$\\{[^}]+}", "x"));
    List<JsonObject> widgets = dashboard.objects("widgets");
    assertEquals(6, widgets.size());
    Set<String> searched = new TreeSet<>();
    Matcher m = Pattern.compile("MetricName=\\\\\"(\\w+)\\\\\"").matcher(body);
    while (m.find()) {
      searched.add(m.group(1));
    }
    assertEquals(Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionDuration", "LeadTime"), searched);
    assertTrue(body.contains("{Baton/${AWS::StackName},Pipeline}"));
    assertEquals(Map.of("Fn::Sub", "Baton/${AWS::StackName}"), FUNCTION.environment().get("BATON_METRICS_NAMESPACE"));
  }
}
