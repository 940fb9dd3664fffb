package dev.baton.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intrinsic functions evaluated for given parameter values, as the deployed stack would see them. */
class IntrinsicsTest {
  private static final SamTemplate TEMPLATE = SamTemplate.parse("""
      Parameters:
        Names: {Type: String, Default: 'a-deploy,b'}
        Items: {Type: CommaDelimitedList, Default: 'x,y'}
        Mode: {Type: String, Default: Create}
      Conditions:
        IsCreate: !Equals [!Ref Mode, Create]
        HasTwo: !Equals [!Select [1, !Split [',', !Sub '${Names},']], b]
        Both: !And [!Condition IsCreate, !Not [!Condition HasTwo]]
      Resources:
        Queue: {Type: AWS::SQS::Queue}
        Fn: {Type: AWS::Serverless::Function, Properties: {AutoPublishAlias: live}}
      Outputs:
        Arns:
          Value: !Split [',', !Sub ['arn:*:codepipeline:*:*:${N}', {N: !Join [',arn:*:codepipeline:*:*:', !Split [',', !Ref Names]]}]]
        Choice: {Value: !If [IsCreate, [one, !Ref AWS::NoValue, !GetAtt Queue.Arn], other]}
        Broken: {Value: !Join [!Sub '${AWS::Region}', !Split [',', !Ref Names]]}
        Beyond: {Value: !Select [2, !Ref Items]}
      """);

  private static Intrinsics with(Map<String, String> parameters) {
    return new Intrinsics(TEMPLATE, StackParameters.of(TEMPLATE, parameters), "eu-west-1", "baton", Map.of());
  }

  private static Object output(Intrinsics intrinsics, String name) {
    return intrinsics.resolve(SamTemplate.asMap(TEMPLATE.outputs().get(name)).get("Value"));
  }

  @Test
  void givenAListParameter_thenSplitSubAndJoinGiveOneArnPerName() {
    assertEquals(List.of("arn:*:codepipeline:*:*:a-deploy", "arn:*:codepipeline:*:*:b"), output(with(Map.of()), "Arns"));
    assertEquals(List.of("arn:*:codepipeline:*:*:only"), output(with(Map.of("Names", "only")), "Arns"));
  }

  @Test
  void givenConditions_thenIfChoosesAndNoValueLeavesTheItemOut() {
    assertEquals(List.of("one", "arn:aws:sqs:eu-west-1:123456789012:baton-Queue"), output(with(Map.of()), "Choice"));
    assertEquals("other", output(with(Map.of("Mode", "Existing")), "Choice"));
    assertTrue(with(Map.of()).condition("HasTwo"));
    assertFalse(with(Map.of()).condition("Both"));
    assertTrue(with(Map.of("Names", "solo")).condition("Both"));
    assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:baton-Fn:live",
        with(Map.of()).resolve(Map.of("Ref", "Fn.Alias")));
  }

  @Test
  void givenWhatCloudFormationRefuses_thenEvaluationRefusesItWithItsMessage() {
    IllegalArgumentException join = assertThrows(IllegalArgumentException.class, () -> output(with(Map.of()), "Broken"));
    assertTrue(join.getMessage().startsWith(Functions.JOIN + ": the delimiter must be a literal string"),
        join::getMessage);
    IllegalArgumentException select = assertThrows(IllegalArgumentException.class,
        () -> output(with(Map.of()), "Beyond"));
    assertEquals("Template error: Fn::Select cannot select nonexistent value at index 2", select.getMessage());
    assertThrows(IllegalArgumentException.class, () -> with(Map.of()).condition("Nowhere"));
  }

  @Test
  void givenRuleFunctions_thenTheyTestMembership() {
    Intrinsics i = with(Map.of("Items", "x,y"));
    assertTrue(i.bool(Map.of("Fn::Contains", List.of(List.of("x", "z"), "x"))));
    assertTrue(i.bool(Map.of("Fn::EachMemberIn", List.of(Map.of("Ref", "Items"), List.of("x", "y", "z")))));
    assertFalse(i.bool(Map.of("Fn::EachMemberEquals", List.of(Map.of("Ref", "Items"), "x"))));
  }
}
