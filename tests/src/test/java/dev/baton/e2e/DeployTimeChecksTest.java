package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.local.DeployChecks;
import dev.baton.local.Repo;
import dev.baton.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a deploy of template.yaml refuses before it creates anything, evaluated locally as CloudFormation does
 * ({@link DeployChecks}): parameter values against their declarations, then the Rules. Every assertion of the
 * Rules section has its test here, and so has every parameter combination deploy-check translates.
 */
class DeployTimeChecksTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();

  private static List<String> refusals(String... keyValues) {
    Map<String, String> parameters = new HashMap<>(Map.of("ReleasePipelineNames", "*-deploy"));
    for (int i = 0; i < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return DeployChecks.refusals(TEMPLATE, parameters);
  }

  private static void refusedNaming(List<String> refusals, String parameter, String rule) {
    assertEquals(1, refusals.size(), refusals::toString);
    assertTrue(refusals.getFirst().startsWith(rule), refusals::toString);
    assertTrue(refusals.getFirst().contains(parameter), refusals::toString);
  }

  @Test
  void givenTheDefaults_thenTheDeployGoesAhead() {
    assertEquals(List.of(), refusals());
  }

  @Test
  void givenExistingBucketModeWithoutABucketName_thenRefusedNamingTheParameter() {
    refusedNaming(refusals("ReleaseBucketMode", "Existing"), "ExistingReleaseBucketName is empty",
        "Rule ExistingBucketNeedsAName: ");
    assertEquals(List.of(), refusals("ReleaseBucketMode", "Existing", "ExistingReleaseBucketName", "acme-releases"));
  }

  @Test
  void givenCreateBucketModeWithABucketName_thenRefusedBecauseThatBucketWouldNeverBeHeard() {
    refusedNaming(refusals("ExistingReleaseBucketName", "acme-releases"), "ExistingReleaseBucketName is set",
        "Rule CreatedBucketTakesNoName: ");
  }

  @Test
  void givenNoPipelinesToRelease_thenRefusedNamingTheParameter() {
    assertEquals(List.of("Parameters: [ReleasePipelineNames] must have values"),
        DeployChecks.refusals(TEMPLATE, Map.of()));
    refusedNaming(refusals("ReleasePipelineNames", ""), "'ReleasePipelineNames'", "Parameter ");
    refusedNaming(refusals("ReleasePipelineNames", "a,,b"), "'ReleasePipelineNames'", "Parameter ");
    refusedNaming(refusals("ApprovalPipelineNames", ""), "'ApprovalPipelineNames'", "Parameter ");
  }

  @Test
  void givenAMalformedSecretReference_thenRefusedNamingTheParameter() {
    for (String bad : List.of("ssm:baton/slack", "ssm:/", "baton slack", "arn:aws:secretsmanager:us-east-1:1:x")) {
      refusedNaming(refusals("SlackSecret", bad), "'SlackSecret'", "Parameter ");
    }
    for (String bad : List.of("ssm:baton/alerts", "arn:aws:ssm:us-east-1:123456789012:secret:x", "a b")) {
      refusedNaming(refusals("AlertSlackSecret", bad), "'AlertSlackSecret'", "Parameter ");
    }
    assertEquals(List.of(), refusals("SlackSecret", "ssm:/baton/slack", "AlertSlackSecret",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:baton/alerts-AbCdEf"));
  }

  @Test
  void givenAKmsAliasOrAMalformedTopicList_thenRefusedNamingTheParameter() {
    refusedNaming(refusals("SecretsKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/baton"),
        "'SecretsKmsKeyArn'", "Parameter ");
    refusedNaming(refusals("AlertExtraTopicArns", "arn:aws:sns:us-east-1:123456789012:a,"), "'AlertExtraTopicArns'",
        "Parameter ");
    refusedNaming(refusals("SnapStart", "Off"), "'SnapStart'", "Parameter ");
  }

  /** The sets deploy-check translates with the real SAM transform and lints with cfn-lint: accepted here too. */
  @Test
  void givenEveryDeployCheckParameterSet_thenItIsAcceptedAndEveryFunctionsPolicyResolves() throws IOException {
    JsonObject sets = Json.parseObject(Files.readString(Repo.root().resolve("deploy-check.params.json")));
    assertTrue(sets.keys().size() >= 4, sets.keys()::toString);
    boolean existing = false;
    boolean ssm = false;
    boolean secretsManager = false;
    boolean filledLists = false;
    for (String set : sets.keys()) {
      Map<String, String> parameters = new HashMap<>();
      JsonObject values = sets.object(set);
      values.keys().forEach(k -> parameters.put(k, values.string(k)));
      assertEquals(List.of(), DeployChecks.refusals(TEMPLATE, parameters), set);
      ResolvedStack stack = ResolvedStack.of(parameters);
      for (String function : TEMPLATE.functionIds()) {
        for (Map<String, Object> statement : stack.statements(function)) {
          assertTrue(ResolvedStack.actions(statement).stream().noneMatch(a -> a.contains("*")), set + " " + function);
          assertFalse(statement.get("Resource").equals("*"), set + " " + function + " " + statement);
        }
      }
      existing |= "Existing".equals(parameters.get("ReleaseBucketMode"));
      ssm |= parameters.getOrDefault("SlackSecret", "").startsWith("ssm:");
      secretsManager |= !parameters.getOrDefault("SlackSecret", "baton/slack").startsWith("ssm:");
      filledLists |= parameters.containsKey("HistoryPipelineNames") && parameters.containsKey("AlertExtraTopicArns");
    }
    assertTrue(existing && ssm && secretsManager && filledLists,
        "the sets cover both bucket modes, Secrets Manager and SSM secrets, empty and filled optional lists");
  }
}
