package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of CloudFormation's rules for intrinsic functions and template sections, fed a template that breaks it: the
 * check refuses it with CloudFormation's message and the path. The same template without the break passes.
 */
class TemplateRulesTest {
  private static final String TEMPLATE = """
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Names: {Type: String, Default: 'a,b', AllowedPattern: '^[a-z,]+$', Description: names}
        Items: {Type: CommaDelimitedList, Default: 'x,y', Description: items}
        Mode: {Type: String, Default: Create, AllowedValues: [Create, Existing], Description: mode}
      Conditions:
        IsCreate: !Equals [!Ref Mode, Create]
        HasNames: !Not [!Equals [!Select [0, !Split [',', !Ref Names]], '']]
        Both: !And [!Condition IsCreate, !Condition HasNames]
      %s
      Resources:
        Queue:
          Type: AWS::SQS::Queue
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handleRequest
            CodeUri: fn.zip
            Runtime: java25
            AutoPublishAlias: live
            FunctionUrlConfig: {AuthType: NONE}
            Events:
              Tick: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
            Environment:
              Variables:
                VALUE: %s
      Outputs:
        Url: {Value: !GetAtt FnUrl.FunctionUrl}
      """;

  /** The violations of the template with {@code value} as an environment variable's value. */
  private static List<String> withValue(String value) {
    return TemplateRules.check(SamTemplate.parse(TEMPLATE.formatted("", value)));
  }

  private static List<String> withSection(String section) {
    return TemplateRules.check(SamTemplate.parse(TEMPLATE.formatted(section, "plain")));
  }

  private static void refused(List<String> violations, String... expected) {
    assertEquals(1, violations.size(), violations::toString);
    for (String e : expected) {
      assertTrue(violations.getFirst().contains(e), () -> "expected \"" + e + "\" in " + violations);
    }
  }

  @Test
  void givenValidUsesOfEveryFunction_thenNothingIsRefused() {
    for (String ok : List.of("plain", "!Join [',', !Split [',', !Ref Names]]", "!Join ['', [a, !Ref Names]]",
        "!Join [',', !Ref Items]", "!Select [1, !Ref Items]", "!Select ['0', [a, b]]",
        "!Sub ['${A}-${AWS::Region}-${Queue.Arn}-${!Literal}', {A: !Join [',', !Ref Items]}]",
        "!If [Both, !GetAtt FnRole.Arn, !Ref AWS::NoValue]", "!Ref Fn.Alias", "!GetAtt Queue.QueueName",
        "!GetAtt FnTick.Arn", "!Sub '${Fn}'")) {
      assertEquals(List.of(), withValue(ok), ok);
    }
  }

  @Test
  void givenAJoinWhoseDelimiterIsAFunction_thenRefused() {
    refused(withValue("!Join [!Sub ',arn:${AWS::Region}:', !Split [',', !Ref Names]]"),
        "every Fn::Join object requires two parameters", "the delimiter is a Fn::Sub; it must be a literal string",
        "[Resources/Fn/Properties/Environment/Variables/VALUE/Fn::Join/0]");
  }

  @Test
  void givenAJoinOfSomethingThatIsNoList_thenRefused() {
    refused(withValue("!Join [',', !Ref Names]"), "every Fn::Join object", "which returns a string, not a list");
    refused(withValue("!Join [',', 'a,b']"), "every Fn::Join object", "its list is \"a,b\"");
    refused(withValue("!Join [',']"), "every Fn::Join object requires two parameters");
    refused(withValue("!Join [',', [a, !Ref Items]]"), "an item of Fn::Join's list must be a string");
  }

  @Test
  void givenASelectWithABadIndexOrList_thenRefused() {
    refused(withValue("!Select [first, [a, b]]"), "Fn::Select requires a list argument with two elements",
        "the index is \"first\"");
    refused(withValue("!Select [2, [a, b]]"), "Fn::Select cannot select nonexistent value at index 2");
    refused(withValue("!Select [0, !Sub 'a,b']"), "Fn::Select requires", "its list is a Fn::Sub");
    refused(withValue("!Select [0]"), "Fn::Select requires a list argument with two elements");
  }

  @Test
  void givenASplitWithAFunctionDelimiterOrAListToSplit_thenRefused() {
    refused(withValue("!Split [!Ref Names, abc]"), "every Fn::Split object requires two parameters",
        "the delimiter is a Ref");
    refused(withValue("!Select [0, !Split [',', !Ref Items]]"), "the string Fn::Split splits must be a string");
  }

  @Test
  void givenASubWithAnUnresolvableVariableOrBadArguments_thenRefused() {
    refused(withValue("!Sub 'arn:${Nothing}'"), "Unresolved resource dependencies [Nothing]");
    refused(withValue("!Sub 'arn:${Queue.Colour}'"), "resource Queue does not support attribute type Colour");
    refused(withValue("!Sub [!Ref Names, {}]"), "One or more Fn::Sub intrinsic functions",
        "the string to substitute in is a Ref");
    refused(withValue("!Sub ['${A}', [a]]"), "One or more Fn::Sub intrinsic functions");
    refused(withValue("!Sub 'x-${a b}'"), "variable names in Fn::Sub syntax must contain only alphanumeric");
    refused(withValue("!Sub '${Items}'"), "${Items} is a list parameter");
  }

  @Test
  void givenAnIfOnAnUndeclaredConditionOrWithTwoArguments_thenRefused() {
    refused(withValue("!If [Nowhere, a, b]"), "unresolved condition dependency Nowhere in Fn::If");
    refused(withValue("!If [IsCreate, a]"), "Fn::If requires a list argument with three elements");
    refused(conditions("Bad: !If [IsCreate, !Condition HasNames, !Condition IsCreate]"),
        "Conditions can only be boolean operations", "not a Fn::If");
  }

  @Test
  void givenARefOrGetAttToNothing_thenRefused() {
    refused(withValue("!Ref Nothing"), "Unresolved resource dependencies [Nothing] in the Resources block");
    refused(withValue("!GetAtt Nothing.Arn"), "instance of Fn::GetAtt references undefined resource Nothing");
    refused(withValue("!GetAtt Queue.TopicArn"), "resource Queue does not support attribute type TopicArn",
        "[Arn, QueueName, QueueUrl]");
    refused(withValue("!GetAtt FnUrl.Arn"), "resource FnUrl does not support attribute type Arn");
    refused(withValue("{'Fn::GetAtt': [Queue]}"), "every Fn::GetAtt object requires two non-empty parameters");
    refused(withValue("!Ref Queue.Alias"), "Unresolved resource dependencies [Queue.Alias]");
  }

  @Test
  void givenAConditionFunctionInAResource_thenRefused() {
    refused(withValue("!Equals [a, b]"), "Fn::Equals is a condition function", "choose with Fn::If");
    refused(withValue("{Fn::Contains: [[a], a]}"), "Fn::Contains is a rule function");
    refused(withValue("{Fn::Frobnicate: [a]}"), "Encountered unsupported function: Fn::Frobnicate");
    refused(withValue("{Fn::Length: [a]}"), "Fn::Length needs the AWS::LanguageExtensions transform");
  }

  @Test
  void givenConditionsThatAreNotBooleanOperationsOnParameters_thenRefused() {
    refused(conditions("Bad: !Ref Mode"), "Conditions can only be boolean operations on parameters and other "
        + "conditions");
    refused(conditions("Bad: !Equals [!Ref Queue, x]"), "Cannot reference resources in the Conditions block");
    refused(conditions("Bad: !Not [!Condition IsCreate, !Condition HasNames]"), "Fn::Not requires a list argument "
        + "with one condition");
    refused(conditions("Bad: !Or [!Condition IsCreate]"), "Fn::Or requires a list argument with between 2 and 10");
    refused(conditions("Bad: !And [!Condition IsCreate, !Ref Mode]"), "Fn::And combines conditions, not a Ref");
    refused(conditions("Bad: !Not [!Condition Unknown]"), "Unresolved dependencies [Unknown]");
    refused(conditions("Bad: !Equals [!GetAtt Queue.Arn, x]"), "Fn::GetAtt cannot be a value Fn::Equals compares");
    List<String> loop = conditions("A: !Not [!Condition B]\n  B: !Not [!Condition A]");
    assertEquals(1, loop.size(), loop::toString);
    assertTrue(loop.getFirst().contains("Circular dependency between conditions [A, B]"), loop::toString);
  }

  private static List<String> conditions(String extra) {
    return TemplateRules.check(SamTemplate.parse(TEMPLATE.formatted("", "plain").replace(
        "  Both: !And [!Condition IsCreate, !Condition HasNames]\n",
        "  Both: !And [!Condition IsCreate, !Condition HasNames]\n  " + extra + "\n")));
  }

  @Test
  void givenRulesWithFunctionsRulesDoNotTakeOrWithoutAssertions_thenRefused() {
    assertEquals(List.of(), withSection("""
        Rules:
          NeedsNames:
            RuleCondition: !Equals [!Ref Mode, Existing]
            Assertions:
              - Assert: !And [!Not [!Equals [!Ref Names, '']], {Fn::Contains: [[a, 'a,b'], !Ref Names]}]
                AssertDescription: Names must be set
              - Assert: {Fn::EachMemberIn: [!Ref Items, [x, y, z]]}
        """));
    refused(withSection("Rules: {R: {Assertions: [{Assert: !If [IsCreate, a, b]}]}}"),
        "a rule condition or assertion must be one of", "not a Fn::If");
    refused(withSection("Rules: {R: {Assertions: [{Assert: !Not [!If [IsCreate, a, b]]}]}}"),
        "Fn::Not combines conditions, not a Fn::If");
    refused(withSection("Rules: {R: {Assertions: [{Assert: !Equals [!Ref Queue, x]}]}}"),
        "Cannot reference resources in the Rules block");
    refused(withSection("Rules: {R: {RuleCondition: !Equals [!Ref Mode, Create]}}"), "rule R needs Assertions");
    refused(withSection("Rules: {R: {Assertions: [{AssertDescription: nothing to assert}]}}"),
        "every assertion needs an Assert");
    refused(withSection("Rules: {R: {Assertions: [{Assert: !Equals [!Ref Mode, Create], Because: x}]}}"),
        "Invalid assertion property 'Because'");
  }

  @Test
  void givenBadResourceAttributesAndParameters_thenRefused() {
    String base = TEMPLATE.formatted("", "plain");
    refused(check(base.replace("  Queue:\n    Type: AWS::SQS::Queue\n",
        "  Queue:\n    Type: AWS::SQS::Queue\n    Condition: Nowhere\n")), "the resource's Condition is not in");
    refused(check(base.replace("  Queue:\n    Type: AWS::SQS::Queue\n",
        "  Queue:\n    Type: AWS::SQS::Queue\n    DependsOn: Ghost\n")), "Unresolved resource dependencies [Ghost]");
    refused(check(base.replace("  Queue:\n    Type: AWS::SQS::Queue\n",
        "  Queue:\n    Type: AWS::SQS::Queue\n    UpdateReplacePolicy: RetainExceptOnCreate\n")),
        "Unrecognized UpdateReplacePolicy RetainExceptOnCreate");
    refused(check(base.replace("Default: 'a,b'", "Default: 'A,B'")), "the Default does not satisfy",
        "Parameter 'Names' must match pattern ^[a-z,]+$");
    refused(check(base.replace("Type: CommaDelimitedList", "Type: Strings")), "Unrecognized parameter type: Strings");
    refused(check(base.replace("Outputs:", "Outptus:")), "Invalid template property or properties [Outptus]");
  }

  private static List<String> check(String yaml) {
    return TemplateRules.check(SamTemplate.parse(yaml));
  }

  @Test
  void givenABrokenTemplateFile_thenLoadRefusesItListingEveryViolation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, TEMPLATE.formatted("", "!Join [!Ref Names, !Ref Names]"));
    TemplateException e = assertThrows(TemplateException.class, () -> SamTemplate.load(file));
    assertEquals(2, e.violations().size(), e.violations()::toString);
    assertTrue(e.getMessage().contains("2 violation(s) of CloudFormation's template rules"), e::getMessage);
  }
}
