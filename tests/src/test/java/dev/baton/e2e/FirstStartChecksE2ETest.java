package dev.baton.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.local.LocalLambda;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting the deploy could not refuse (an environment edited by hand, a parameter pattern looser than the
 * store's rules) fails the function's first start with a message naming the setting and the stack parameter behind
 * it, before anything is read, written or sent: never a function that starts and then fails every event.
 */
class FirstStartChecksE2ETest extends StackTest {
  @ParameterizedTest(name = "{0} with {2}")
  @CsvSource({
      "ApprovalRequestFunction, SlackSecret, ssm:baton/slack, sns-approval-notification.json",
      "ApprovalCallbackFunction, SlackSecret, 'arn:aws:s3:::baton-slack', function-url-slack-interaction.json",
      "AlertsFunction, AlertSlackSecret, baton alerts, codepipeline-action-failed-codebuild.json"})
  void givenAMalformedSecretReference_thenTheFirstStartFailsNamingTheParameter_andNothingHappens(String function,
      String parameter, String reference, String event) {
    String table = freshTable("first-start");
    LocalLambda fn = stack.function(function, Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET", reference));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> fn.invoke(Events.load(event)));

    String message = e.getMessage();
    assertTrue(message.contains("failed to initialise"), message);
    assertTrue(message.contains("BATON_SLACK_SECRET (the stack's " + parameter + " parameter): \"" + reference
        + "\" is not a secret reference"), message);
    assertEquals(0, stack.dynamo().scan(b -> b.tableName(table)).count(), "nothing written");
    assertEquals(List.of(), stack.wiremock().getAllServeEvents(), "no AWS or Slack call");
  }

  @Test
  void givenNoSlackSecretForApprovals_thenTheFirstStartFailsNamingTheParameter() {
    String table = freshTable("first-start");
    LocalLambda fn = stack.function("ApprovalRequestFunction", Map.of("BATON_TABLE", table, "BATON_SLACK_SECRET", ""));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> fn.invoke(Events.load("sns-approval-notification.json")));

    assertTrue(e.getMessage().contains("BATON_SLACK_SECRET (the stack's SlackSecret parameter) is not set"),
        e::getMessage);
  }
}
