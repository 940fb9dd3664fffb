package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's promotion wiring, resolved as CloudFormation will: the SUCCEEDED-only rule into release-trigger
 * with its retries and dead-letter queue (which EventBridge may write to for this rule too), and GetPipelineExecution
 * on the listed promotion sources only, or not at all.
 */
class PromotionTemplateTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();

  @Test
  void theRuleTakesSucceededPipelineExecutionsOnly_withRetriesAndTheReleaseQueue() {
    Map<String, Object> event = SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.function("ReleaseTriggerFunction")
        .properties().get("Events")).get("PipelineSucceeded"));
    assertEquals("EventBridgeRule", event.get("Type"));
    Map<String, Object> props = SamTemplate.asMap(event.get("Properties"));
    assertEquals(Map.of("source", List.of("aws.codepipeline"), "detail-type",
        List.of("CodePipeline Pipeline Execution State Change"), "detail", Map.of("state", List.of("SUCCEEDED"))),
        props.get("Pattern"));
    assertEquals(Map.of("MaximumRetryAttempts", 185, "MaximumEventAgeInSeconds", 86400), props.get("RetryPolicy"));
    assertEquals(Map.of("Arn", Map.of("Fn::GetAtt", List.of("ReleaseDeadLetterQueue", "Arn"))),
        props.get("DeadLetterConfig"));
    Map<String, Object> policy = SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.resources()
        .get("ReleaseDeadLetterQueuePolicy")).get("Properties"));
    String text = String.valueOf(policy.get("PolicyDocument"));
    assertTrue(text.contains("ReleaseTriggerFunctionPipelineSucceeded"), text);
  }

  @Test
  void givenPromotionSources_thenGetPipelineExecutionOnThoseOnly_inTheStacksRegion() {
    Map<String, Object> statement = ResolvedStack.of(Map.of("ReleasePipelineNames", "p",
        "PromotionSourcePipelineNames", "payments-build,web-*")).statement("ReleaseTriggerFunction",
        "ReadPromotionSources");

    assertEquals("codepipeline:GetPipelineExecution", statement.get("Action"));
    assertEquals(List.of("arn:*:codepipeline:*:*:payments-build", "arn:*:codepipeline:*:*:web-*"),
        statement.get("Resource"));
    assertEquals(Map.of("StringEquals", Map.of("aws:RequestedRegion", ResolvedStack.REGION)),
        statement.get("Condition"));
  }

  @Test
  void givenNoPromotionSources_thenTheFunctionMayNotCallGetPipelineExecution() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "p"));

    assertTrue(stack.statements("ReleaseTriggerFunction").stream().flatMap(s -> ResolvedStack.actions(s).stream())
        .noneMatch(a -> a.equals("codepipeline:GetPipelineExecution")));
  }
}
