package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Teams bot in template.yaml: nothing of it without TeamsBotAppId; with it, its own function behind a Function
 * URL without IAM auth (the Bot Framework's JWT is checked by the code), a role allowed exactly the calls it makes,
 * the bot's secret readable by the approval functions only when the bot is on, and failed hand-offs parked.
 */
class TeamsBotTemplateTest {
  private static final SamTemplate TEMPLATE = SamTemplate.load();
  private static final Map<String, String> WITH_BOT = Map.of("ReleasePipelineNames", "p",
      "TeamsBotAppId", BotFramework.APP_ID, "TeamsBotTenantId", BotFramework.TENANT);
  private static final Set<String> CALLS = Set.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query",
      "codepipeline:PutApprovalResult", "codepipeline:ListActionExecutions", "codepipeline:GetPipelineState",
      "codepipeline:GetPipelineExecution", "secretsmanager:GetSecretValue", "lambda:InvokeFunction");

  @Test
  void givenNoAppId_thenNothingOfTheBotIsCreatedAndNoFunctionMayReadItsSecret() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "p"));

    assertFalse(stack.condition("UseTeamsBot"));
    for (String id : List.of("TeamsBotFunction", "TeamsBotHandOffPolicy")) {
      assertEquals("UseTeamsBot", SamTemplate.asMap(TEMPLATE.resources().get(id)).get("Condition"), id);
    }
    assertEquals("UseTeamsBot", SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.root().get("Outputs"))
        .get("TeamsMessagingEndpoint")).get("Condition"));
    for (String fn : List.of("ApprovalRequestFunction", "ApprovalCallbackFunction")) {
      assertTrue(stack.statements(fn).stream().noneMatch(s -> String.valueOf(s.get("Sid")).startsWith("TeamsBot")),
          fn);
    }
  }

  @Test
  void givenTheBot_thenItsRoleAllowsExactlyItsCallsOnNamedResources() {
    ResolvedStack stack = ResolvedStack.of(WITH_BOT);

    List<Map<String, Object>> statements = stack.statements("TeamsBotFunction");
    assertEquals(CALLS, statements.stream().flatMap(s -> ResolvedStack.actions(s).stream())
        .collect(Collectors.toSet()));
    assertTrue(statements.stream().flatMap(s -> ResolvedStack.actions(s).stream()).noneMatch(a -> a.contains("*")));
    assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:baton/teams-bot-??????",
        stack.statement("TeamsBotFunction", "TeamsBotSecret").get("Resource"));
    assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:baton/teams-bot-??????",
        stack.statement("ApprovalRequestFunction", "TeamsBotSecret").get("Resource"));
    assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:baton/teams-bot-??????",
        stack.statement("ApprovalCallbackFunction", "TeamsBotSecret").get("Resource"));
    assertEquals(List.of("arn:aws:lambda:us-east-1:123456789012:function:baton-TeamsBotFunction",
        "arn:aws:lambda:us-east-1:123456789012:function:baton-TeamsBotFunction:*"),
        stack.statement("TeamsBotFunction", "HandOffToItself").get("Resource"));
  }

  @Test
  void givenTheBotWithAnSsmSecretAndAKey_thenItReadsTheParameterAndDecryptsThroughSsmOnly() {
    ResolvedStack stack = ResolvedStack.of(Map.of("ReleasePipelineNames", "p", "TeamsBotAppId", BotFramework.APP_ID,
        "TeamsBotTenantId", BotFramework.TENANT, "TeamsBotSecret", "ssm:/baton/teams-bot",
        "SecretsKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));

    Map<String, Object> read = stack.statement("TeamsBotFunction", "TeamsBotSecret");
    assertEquals("ssm:GetParameter", read.get("Action"));
    assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/baton/teams-bot", read.get("Resource"));
    assertEquals(Map.of("StringEquals", Map.of("kms:ViaService", "ssm.us-east-1.amazonaws.com")),
        stack.statement("TeamsBotFunction", "DecryptTeamsBotSecret").get("Condition"));
  }

  @Test
  void theMessagingEndpointIsAFunctionUrlWithoutIamAuthAndFailedHandOffsAreParked() {
    Map<String, Object> props = TEMPLATE.function("TeamsBotFunction").properties();

    assertEquals(Map.of("AuthType", "NONE"), props.get("FunctionUrlConfig"));
    assertEquals(Map.of("Fn::GetAtt", List.of("ApprovalDeadLetterQueue", "Arn")), SamTemplate.asMap(SamTemplate.asMap(
        SamTemplate.asMap(props.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"))
        .get("Destination"));
    Map<String, Object> env = SamTemplate.asMap(SamTemplate.asMap(props.get("Environment")).get("Variables"));
    assertEquals(Map.of("Ref", "TeamsBotAppId"), env.get("BATON_TEAMS_APP_ID"));
    assertEquals(Map.of("Ref", "TeamsBotSecret"), env.get("BATON_TEAMS_SECRET"));
    assertTrue(env.values().stream().noneMatch(v -> String.valueOf(v).contains("clientSecret")),
        "no secret in the environment");
  }
}
