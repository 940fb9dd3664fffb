package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's failure-alerting section, checked against what the code does: the handler and routing in the zip,
 * the environment it reads, policies that allow exactly the calls it makes, the on-failure queue, and an
 * EventBridge pattern that lets through every sample event an alert story uses and nothing it ignores.
 */
class AlertsTemplateTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();
  private static final Set<String> CALLS = Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
      "dynamodb:Query", "codepipeline:GetPipelineExecution", "codepipeline:ListActionExecutions", "sns:Publish",
      "events:PutEvents",
      "secretsmanager:GetSecretValue", "ssm:GetParameter",
      // with SecretsKmsKeyArn: what Secrets Manager, SSM and SNS ask KMS on the function's behalf (KmsGrantsTest)
      "kms:Decrypt", "kms:GenerateDataKey");

  @Test
  void theFunctionRunsItsPackagedHandlerWithTheRoutingFromConfig() throws IOException {
    SamTemplate.SamFunction f = TEMPLATE.function("AlertsFunction");
    assertEquals("functions/alerts/target/alerts.zip", f.codeUri());
    assertEquals("dev.baton.functions.alerts.AlertsHandler::handleRequest", f.handler());
    try (ZipFile zip = new ZipFile(Repo.root().resolve(f.codeUri()).toFile())) {
      assertNotNull(zip.getEntry("dev/baton/functions/alerts/AlertsHandler.class"));
      assertArrayEquals(Files.readAllBytes(Repo.root().resolve("config/alert-routing.json")),
          zip.getInputStream(zip.getEntry("baton/alert-routing.json")).readAllBytes());
      assertTrue(zip.stream().noneMatch(e -> e.getName().matches("lib/(apache|netty|aws-crt).*")));
    }
    assertEquals(Map.of("Ref", "AlertTopic"), f.environment().get("BATON_ALERT_TOPIC_ARN"));
    assertEquals(Map.of("Ref", "AlertSlackSecret"), f.environment().get("BATON_SLACK_SECRET"));
    assertEquals(Map.of("Ref", "AlertTeamsWebhooks"), f.environment().get("BATON_TEAMS_ALERTS"));
    assertEquals(Map.of("Ref", "Table"), f.environment().get("BATON_TABLE"));
    assertTrue(TEMPLATE.root().toString().contains("AlertTopicArn"));
  }

  @Test
  void thePoliciesAllowTheCallsTheFunctionMakesAndNothingElse() {
    List<String> actions = TemplatePolicies.actions(TEMPLATE.function("AlertsFunction").properties().get("Policies"));
    assertEquals(CALLS, Set.copyOf(actions));
    assertTrue(actions.stream().noneMatch(a -> a.contains("*")), actions::toString);
  }

  @Test
  void givenTeamsEnabled_thenTheFunctionMayReadTheTeamsWebhookSecretsOnly_andWithoutItNone() {
    String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    ResolvedStack off = ResolvedStack.of(Map.of("ReleasePipelineNames", "*-deploy", "SecretsKmsKeyArn", key));
    assertTrue(off.statements("AlertsFunction").stream().noneMatch(s -> String.valueOf(s.get("Sid"))
        .contains("Teams")), off.statements("AlertsFunction")::toString);

    ResolvedStack on = ResolvedStack.of(Map.of("ReleasePipelineNames", "*-deploy", "AlertTeamsWebhooks", "Enabled",
        "SecretsKmsKeyArn", key));
    List<Map<String, Object>> teams = on.statements("AlertsFunction").stream()
        .filter(s -> String.valueOf(s.get("Sid")).contains("Teams")).toList();
    assertEquals(List.of(
        Map.of("Sid", "ReadTeamsWebhookSecrets", "Effect", "Allow", "Action", "secretsmanager:GetSecretValue",
            "Resource", "arn:aws:secretsmanager:us-east-1:123456789012:secret:baton/teams/*"),
        Map.of("Sid", "ReadTeamsWebhookParameters", "Effect", "Allow", "Action", "ssm:GetParameter",
            "Resource", "arn:aws:ssm:us-east-1:123456789012:parameter/baton/teams/*"),
        Map.of("Sid", "DecryptTeamsWebhookSecrets", "Effect", "Allow", "Action", "kms:Decrypt", "Resource", key,
            "Condition", Map.of("StringEquals", Map.of("kms:ViaService", List.of(
                "secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"))))), teams);
    assertEquals("Enabled", on.resolve(TEMPLATE.function("AlertsFunction").environment().get("BATON_TEAMS_ALERTS")));
  }

  @Test
  void failedInvocationsGoToTheAlertQueue() {
    Map<String, Object> config = SamTemplate.asMap(TEMPLATE.function("AlertsFunction").properties()
        .get("EventInvokeConfig"));
    assertEquals(2, config.get("MaximumRetryAttempts"));
    Map<String, Object> onFailure = SamTemplate.asMap(SamTemplate.asMap(config.get("DestinationConfig"))
        .get("OnFailure"));
    assertEquals("SQS", onFailure.get("Type"));
    assertEquals(Map.of("Fn::GetAtt", List.of("AlertDeadLetterQueue", "Arn")), onFailure.get("Destination"));
    assertEquals("AWS::SQS::Queue", TEMPLATE.resource("AlertDeadLetterQueue").get("Type"));
  }

  @Test
  void theRuleLetsThroughEveryStateAnAlertStoryNeedsAndNoOther() throws IOException {
    Map<String, Object> pattern = SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asMap(
        TEMPLATE.function("AlertsFunction").properties().get("Events")).get("PipelineStateChange"))
        .get("Properties")).get("Pattern"));
    for (String e : List.of("codepipeline-action-failed-codebuild.json", "codepipeline-stage-failed.json",
        "codepipeline-pipeline-failed.json", "codepipeline-pipeline-stopped.json", "codepipeline-pipeline-succeeded.json",
        "codepipeline-action-approval-failed.json", "alerts-action-failed-codedeploy.json",
        "alerts-action-failed-no-result.json", "alerts-action-failed-parallel.json",
        "alerts-pipeline-succeeded-after-failure.json", "alerts-pipeline-succeeded-retry.json")) {
      assertTrue(matches(pattern, Json.parseObject(Events.load(e))), e + " must reach the alerts function");
    }
    for (String e : List.of("codepipeline-pipeline-started.json", "codepipeline-pipeline-stopping.json",
        "codepipeline-pipeline-resumed.json", "codepipeline-action-approval-started.json",
        "codepipeline-action-abandoned.json", "codepipeline-stage-resumed.json", "s3-object-created.json")) {
      assertFalse(matches(pattern, Json.parseObject(Events.load(e))), e + " needs no alert");
    }
  }

  /** The subset of EventBridge pattern matching the rule uses: value lists, nested objects and {@code $or}. */
  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> pattern, JsonObject event) {
    for (Map.Entry<String, Object> p : pattern.entrySet()) {
      if (p.getKey().equals("$or")) {
        if (((List<Object>) p.getValue()).stream().noneMatch(alt -> matches(SamTemplate.asMap(alt), event))) {
          return false;
        }
      } else if (p.getValue() instanceof List<?> values) {
        Object v = event.asMap().get(p.getKey());
        if (v == null || !values.contains(v)) {
          return false;
        }
      } else if (event.optObject(p.getKey()).map(o -> !matches(SamTemplate.asMap(p.getValue()), o)).orElse(true)) {
        return false;
      }
    }
    return true;
  }
}
