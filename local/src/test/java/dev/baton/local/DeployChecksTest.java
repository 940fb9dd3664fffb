package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void givenMissingOrUnknownParameters_thenRefusedWithCloudFormationsMessages() {
    assertEquals(List.of("Parameters: [Pipelines] must have values"), refusals(Map.of()));
    assertEquals(List.of("Parameters: [Colour] do not exist in the template"),
        refusals(Map.of("Pipelines", "p", "Colour", "red")));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "Name  | B    | Parameter 'Name' failed to satisfy constraint: lower-case letters, or empty (value \"B\")",
      "Mode  | create | Parameter 'Mode' must be one of AllowedValues [Create, Existing] (value \"create\")",
      "Days  | -1   | Parameter 'Days' must be a number not less than 0 (value -1)",
      "Days  | ten  | Parameter 'Days' must be a number (value \"ten\")",
      "Items | x,w  | Parameter 'Items' must be one of AllowedValues [x, y, z] (value \"w\")"})
  void givenAValueItsDeclarationRefuses_thenRefusedWithCloudFormationsMessage(String name, String value,
      String message) {
    assertEquals(List.of(message), refusals(Map.of("Pipelines", "p", name, value)));
  }
}
