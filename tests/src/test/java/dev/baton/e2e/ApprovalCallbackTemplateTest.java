package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's approval callback, checked against what the code does: the calls it makes and no others, and its
 * optional reserved concurrency (no reservation by default; when given, that many and no more).
 */
class ApprovalCallbackTemplateTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();
  private static final Set<String> CALLS = Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
      "dynamodb:Query", "dynamodb:BatchGetItem", "codepipeline:StartPipelineExecution", "events:PutEvents",
      "codepipeline:PutApprovalResult", "codepipeline:ListActionExecutions", "codepipeline:GetPipelineState",
      "codepipeline:GetPipelineExecution", "secretsmanager:GetSecretValue", "ssm:GetParameter", "kms:Decrypt");

  @Test
  void thePoliciesAllowTheCallsTheCallbackMakesAndNothingElse() {
    assertEquals(CALLS, Set.copyOf(TemplatePolicies.actions(TEMPLATE.function("ApprovalCallbackFunction").properties()
        .get("Policies"))));
  }

  /** /baton release writes its own release record and the execution's link: PutItem in those partitions only. */
  @Test
  void givenReleaseRequests_thenItsPutItemIsHeldToTheReleaseAndPipelinePartitions() {
    Map<String, Object> s = ResolvedStack.of(Map.of("ReleasePipelineNames", "p"))
        .statement("ApprovalCallbackFunction", "ReleaseRequestWrites");
    assertEquals("dynamodb:PutItem", s.get("Action"));
    assertEquals(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("RELEASE#*",
        "PIPELINE#*"))), s.get("Condition"));
  }

  @Test
  void theHandOffToItselfIsItsOwnPolicyOnTheCallbacksRole() {
    Map<String, Object> policy = SamTemplate.asMap(TEMPLATE.resources().get("ApprovalCallbackHandOffPolicy"));
    Map<String, Object> properties = SamTemplate.asMap(policy.get("Properties"));
    assertEquals("AWS::IAM::Policy", policy.get("Type"));
    assertEquals(List.of(Map.of("Ref", "ApprovalCallbackFunctionRole")), properties.get("Roles"));
    assertEquals(List.of("lambda:InvokeFunction"), TemplatePolicies.actions(properties.get("PolicyDocument")));
  }

  @Test
  void reservedConcurrencyIsOptionalAndOffByDefault() {
    Map<String, Object> param = SamTemplate.asMap(TEMPLATE.parameters().get("CallbackReservedConcurrency"));
    assertEquals("Number", param.get("Type"));
    assertEquals(0, param.get("Default"));
    assertEquals(0, param.get("MinValue"));
    assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "CallbackReservedConcurrency"),
        0)))), SamTemplate.asMap(TEMPLATE.root().get("Conditions")).get("ReserveCallbackConcurrency"));
    assertEquals(Map.of("Fn::If", List.of("ReserveCallbackConcurrency", Map.of("Ref", "CallbackReservedConcurrency"),
        Map.of("Ref", "AWS::NoValue"))), TEMPLATE.function("ApprovalCallbackFunction").properties()
        .get("ReservedConcurrentExecutions"));
    assertTrue(TEMPLATE.root().toString().contains("CallbackReservedConcurrency"));
  }
}
