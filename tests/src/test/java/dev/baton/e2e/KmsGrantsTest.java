package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code SecretsKmsKeyArn}: with a customer-managed key, each function that reads a Slack secret (or publishes to
 * the extra alert topics) may use that key, and only through the service that holds the secret or topic; without
 * one, no function has any KMS permission.
 */
class KmsGrantsTest {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final List<String> FUNCTIONS = List.of("ReleaseTriggerFunction", "ApprovalRequestFunction",
      "ApprovalCallbackFunction", "PipelineHistoryFunction", "AlertsFunction");

  private static ResolvedStack stack(String... keyValues) {
    Map<String, String> parameters = new HashMap<>(Map.of("ReleasePipelineNames", "*-deploy"));
    for (int i = 0; i < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return ResolvedStack.of(parameters);
  }

  private static List<Map<String, Object>> kms(ResolvedStack stack, String function) {
    return stack.statements(function).stream()
        .filter(s -> ResolvedStack.actions(s).stream().anyMatch(a -> a.startsWith("kms:"))).toList();
  }

  private static Map<String, Object> via(String service) {
    return Map.of("StringEquals", Map.of("kms:ViaService", service + ".us-east-1.amazonaws.com"));
  }

  @Test
  void givenNoKey_thenNoFunctionMayUseKms() {
    ResolvedStack stack = stack("AlertSlackSecret", "baton/alerts", "AlertExtraTopicArns",
        "arn:aws:sns:us-east-1:123456789012:oncall");
    for (String function : FUNCTIONS) {
      assertEquals(List.of(), kms(stack, function), function);
    }
  }

  @Test
  void givenAKeyAndSecretsManagerSecrets_thenTheSlackReadersMayDecryptWithItThroughSecretsManagerOnly() {
    ResolvedStack stack = stack("SecretsKmsKeyArn", KEY, "AlertSlackSecret", "baton/alerts");
    for (String function : List.of("ApprovalRequestFunction", "ApprovalCallbackFunction", "AlertsFunction")) {
      assertEquals(List.of(Map.of("Sid", "DecryptSlackSecret", "Effect", "Allow", "Action", "kms:Decrypt",
          "Resource", KEY, "Condition", via("secretsmanager"))), kms(stack, function), function);
    }
    for (String function : List.of("ReleaseTriggerFunction", "PipelineHistoryFunction")) {
      assertEquals(List.of(), kms(stack, function), function + " reads no secret");
    }
  }

  @Test
  void givenAKeyAndSsmParameters_thenTheGrantGoesThroughSsmOnly() {
    ResolvedStack stack = stack("SecretsKmsKeyArn", KEY, "SlackSecret", "ssm:/baton/slack",
        "AlertSlackSecret", "ssm:/baton/alerts");
    for (String function : List.of("ApprovalRequestFunction", "ApprovalCallbackFunction", "AlertsFunction")) {
      List<Map<String, Object>> grants = kms(stack, function);
      assertEquals(1, grants.size(), function);
      assertEquals(via("ssm"), grants.getFirst().get("Condition"), function);
    }
  }

  @Test
  void givenAKeyAndExtraTopicsButNoAlertSecret_thenTheAlertsFunctionMayEncryptForSnsOnly() {
    ResolvedStack stack = stack("SecretsKmsKeyArn", KEY, "AlertExtraTopicArns",
        "arn:aws:sns:us-east-1:123456789012:oncall");
    assertEquals(List.of(Map.of("Sid", "PublishToEncryptedTopics", "Effect", "Allow",
        "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Resource", KEY, "Condition", via("sns"))),
        kms(stack, "AlertsFunction"));
    assertTrue(stack.condition("HasSecretsKmsKey"));
  }
}
