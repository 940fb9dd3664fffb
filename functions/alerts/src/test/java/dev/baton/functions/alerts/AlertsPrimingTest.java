package dev.baton.functions.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.aws.priming.PrimingRun;
import dev.baton.core.alerts.AlertRouting;
import dev.baton.core.config.ConfigFiles;
import dev.baton.core.freeze.FreezeCalendar;
import dev.baton.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alerts function's priming takes every branch of the handler's dispatch ({@link AlertsWiring#answer}: the
 * schedule, and each kind of CodePipeline event AlertService treats differently), each with the calls that branch
 * makes on a real first event, derived from the code: with the repository's routing (pipeline {@code priming} falls
 * to the defaults: the stack's SNS topic and {@code #deployments}, FAILED, RECOVERED and FREEZE among what they
 * notify).
 */
class AlertsPrimingTest {
  /** Each delivery: its claim and its log entry (UpdateItem), SNS Publish, chat.postMessage. */
  private static final Set<String> DELIVERIES = Set.of("dynamodb:UpdateItem", "sns:Publish", "slack:chat.postMessage");

  @Test
  void givenTheRepositorysRouting_thenEachEventShapeIsPrimedWithTheCallsItsPathMakes() {
    PrimingRun run = AlertsPriming.prime(routing(), FreezeCalendar.of(List.of()), "baton", Optional.of("baton/slack"),
        false);

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    // The notice looked for (Query), claimed (conditional PutItem); the execution's trigger (GetPipelineExecution)
    // and its release link (GetItem); the bot token read once; the deliveries; "Baton Alert Raised".
    expected.put("failed action", deliveriesAnd("dynamodb:Query", "dynamodb:PutItem",
        "codepipeline:GetPipelineExecution", "dynamodb:GetItem", "secretsmanager:GetSecretValue", "events:PutEvents"));
    // The outcome and final state recorded (UpdateItem); the alert exists: its Slack thread found (GetItem) and
    // its parent message updated (chat.update).
    expected.put("failed execution", Set.of("dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:GetItem",
        "slack:chat.update"));
    // The previous outcome FAILED: a RECOVERED alert, made and delivered as the first one (the token cached).
    expected.put("succeeded execution after a failure", deliveriesAnd("dynamodb:Query", "dynamodb:PutItem",
        "codepipeline:GetPipelineExecution", "dynamodb:GetItem", "events:PutEvents"));
    expected.put("event no alert is for", Set.of());
    // The ad-hoc freezes (Query), then the announcement's deliveries.
    expected.put("freeze announcements (schedule)", deliveriesAnd("dynamodb:Query"));
    assertEquals(Map.of(), run.failures());
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(run.paths().entrySet()), "each path, in order");
  }

  @Test
  void givenTeamsWebhooksInTheRouting_thenTheirDeliveriesArePrimedWhereTheStackEnablesThem() {
    AlertRouting routing = AlertRouting.parse("test", Json.parseObject("""
        {"defaults": {"notify": ["FAILED", "RECOVERED", "FREEZE"], "sns": ["default"],
                      "slack": {"channels": ["#deployments"]}, "teams": {"webhooks": ["baton/teams/deployments"]}}}"""),
        Optional.of("arn:aws:sns:eu-west-1:123456789012:baton-alerts"));

    PrimingRun enabled = AlertsPriming.prime(routing, FreezeCalendar.of(List.of()), "baton",
        Optional.of("baton/slack"), true);
    PrimingRun disabled = AlertsPriming.prime(routing, FreezeCalendar.of(List.of()), "baton",
        Optional.of("baton/slack"), false);

    assertEquals(Map.of(), enabled.failures());
    assertEquals(Map.of(), disabled.failures());
    // The webhook's secret read with the bot token's (GetSecretValue), the card posted to the webhook.
    assertEquals(deliveriesAnd("dynamodb:Query", "dynamodb:PutItem", "codepipeline:GetPipelineExecution",
        "dynamodb:GetItem", "secretsmanager:GetSecretValue", "events:PutEvents", "teams:webhook"),
        enabled.paths().get("failed action"));
    assertEquals(deliveriesAnd("dynamodb:Query", "teams:webhook"),
        enabled.paths().get("freeze announcements (schedule)"));
    // AlertTeamsWebhooks=Disabled: refused before any secret is read, as the real delivery is.
    assertEquals(deliveriesAnd("dynamodb:Query", "dynamodb:PutItem", "codepipeline:GetPipelineExecution",
        "dynamodb:GetItem", "secretsmanager:GetSecretValue", "events:PutEvents"),
        disabled.paths().get("failed action"));
  }

  /** The repository's routing, its "default" topics the stack's. */
  private static AlertRouting routing() {
    ConfigFiles.ConfigFile file = ConfigFiles.load("BATON_ALERT_ROUTING", "alert-routing.json");
    return AlertRouting.parse(file.source(), file.json(),
        Optional.of("arn:aws:sns:eu-west-1:123456789012:baton-alerts"));
  }

  private static Set<String> deliveriesAnd(String... more) {
    Set<String> all = new java.util.TreeSet<>(DELIVERIES);
    all.addAll(List.of(more));
    return all;
  }
}
