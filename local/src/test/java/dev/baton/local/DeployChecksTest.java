package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter values held to their declarations, then to the template's Rules, as CloudFormation does at deploy. */
class DeployChecksTest {
  private static final SamTemplate TEMPLATE = SamTemplate.parse("""
      Parameters:
        Mode: {Type: String, Default: Create, AllowedValues: [Create, Existing]}
        Name:
          Type: String
          Default: ''
          AllowedPattern: '^$|^[a-z]+$'
          ConstraintDescription: lower-case letters, or empty
        Pipelines: {Type: String}
        Days: {Type: Number, Default: 0, MinValue: 0}
        Items: {Type: CommaDelimitedList, Default: 'x,y', AllowedValues: [x, y, z]}
      Rules:
        ExistingNeedsName:
          RuleCondition: !Equals [!Ref Mode, Existing]
          Assertions:
            - Assert: !Not [!Equals [!Ref Name, '']]
              AssertDescription: Name is empty, but Mode is Existing
      Resources:
        Queue: {Type: AWS::SQS::Queue}
      """);

  private static List<String> refusals(Map<String, String> parameters) {
    return DeployChecks.refusals(TEMPLATE, parameters);
  }

  @Test
  void givenValuesThatSatisfyEverything_thenTheDeployGoesAhead() {
    assertEquals(List.of(), refusals(Map.of("Pipelines", "p")));
    assertEquals(List.of(), refusals(Map.of("Pipelines", "p", "Mode", "Existing", "Name", "bucket")));
  }

  @Test
  void givenARuleWhoseConditionHoldsAndWhoseAssertionFails_thenRefusedWithItsDescription() {
    assertEquals(List.of("Rule ExistingNeedsName: Name is empty, but Mode is Existing"),
        refusals(Map.of("Pipelines", "p", "Mode", "Existing")));
  }

  @Test
  void givenValuesTheDeclarationsRefuse_thenRefusedWithCloudFormationsMessages() {
    assertEquals(List.of("Parameters: [Pipelines] must have values"), refusals(Map.of()));
    assertEquals(List.of("Parameters: [Colour] do not exist in the template"),
        refusals(Map.of("Pipelines", "p", "Colour", "red")));
    assertEquals(List.of("Parameter 'Name' failed to satisfy constraint: lower-case letters, or empty (value \"B\")"),
        refusals(Map.of("Pipelines", "p", "Name", "B")));
    assertEquals(List.of("Parameter 'Mode' must be one of AllowedValues [Create, Existing] (value \"create\")"),
        refusals(Map.of("Pipelines", "p", "Mode", "create")));
    assertEquals(List.of("Parameter 'Days' must be a number not less than 0 (value -1)"),
        refusals(Map.of("Pipelines", "p", "Days", "-1")));
    assertEquals(List.of("Parameter 'Days' must be a number (value \"ten\")"),
        refusals(Map.of("Pipelines", "p", "Days", "ten")));
    assertEquals(List.of("Parameter 'Items' must be one of AllowedValues [x, y, z] (value \"w\")"),
        refusals(Map.of("Pipelines", "p", "Items", "x,w")));
  }
}
