package dev.baton.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.core.config.ConfigException;
import dev.baton.core.json.Json;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:baton-alerts";
  private static final Optional<String> DEFAULT_TOPIC = Optional.of(TOPIC);

  private static AlertRouting parse(String json) {
    return AlertRouting.parse("alert-routing.json", Json.parseObject(json), DEFAULT_TOPIC);
  }

  private static String error(String json) {
    return assertThrows(ConfigException.class, () -> parse(json)).getMessage();
  }

  @Test
  void givenTheShippedRouting_thenItIsValidAndRoutesTheSamplePipelines() throws IOException {
    AlertRouting routing = AlertRouting.parse("config/alert-routing.json",
        Files.newInputStream(Repo.root().resolve("config/alert-routing.json")), DEFAULT_TOPIC);

    Route payments = routing.route("payments-deploy");
    assertEquals("payments", payments.name());
    assertTrue(payments.notifies(AlertKind.SUCCEEDED));
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#payments-releases")), payments.targets());
    assertEquals("payments", routing.route("ledger-deploy").name());
    assertEquals(Set.of(), routing.route("sandbox-payments").kinds());
    assertEquals(Set.of(), routing.route("search-experiment").kinds());
    Route other = routing.route("checkout-deploy");
    assertEquals("defaults", other.name());
    assertEquals(AlertRouting.DEFAULT_NOTIFY, other.kinds());
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments")), other.targets());
  }

  @Test
  void givenAFreezeOnPatterns_thenItIsAnnouncedOnTheRoutesTheyOverlap_eachTargetOnce() throws IOException {
    AlertRouting routing = AlertRouting.parse("config/alert-routing.json",
        Files.newInputStream(Repo.root().resolve("config/alert-routing.json")), DEFAULT_TOPIC);

    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#payments-releases")),
        routing.announcing(AlertKind.FREEZE, List.of("payments-*", "ledger-deploy")));
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments"), Target.slack("#payments-releases")),
        routing.announcing(AlertKind.FREEZE, List.of("*")), "all pipelines: every route that announces freezes");
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments")),
        routing.announcing(AlertKind.FREEZE, List.of("checkout-deploy")));
    assertEquals(List.of(), routing.announcing(AlertKind.FREEZE, List.of("sandbox-42")), "sandboxes: no alerts");
  }

  @Test
  void givenNothingConfigured_thenTheBuiltInDefaultsPublishProblemsAndRecoveriesToTheStackTopicOnly() {
    Route r = parse("{}").route("anything");

    assertEquals(EnumSet.of(AlertKind.FAILED, AlertKind.APPROVAL_REJECTED, AlertKind.STOPPED, AlertKind.RECOVERED,
        AlertKind.FREEZE), r.kinds());
    assertEquals(List.of(Target.sns(TOPIC)), r.targets());
    assertEquals(Optional.empty(), r.mention());
  }

  @Test
  void givenRoutes_thenTheFirstMatchWinsAndLeftOutFieldsComeFromDefaults() {
    AlertRouting routing = parse("""
        {"defaults": {"notify": ["FAILED"], "slack": {"channels": ["#all"], "mention": "<!here>"}},
         "routes": [
           {"name": "prod", "pipelines": ["*-prod"], "sns": ["default", "arn:aws:sns:eu-west-1:123456789012:pager"]},
           {"name": "payments", "pipelines": ["payments-*"], "notify": ["FAILED", "SUCCEEDED"],
            "slack": {"channels": ["C0PAYMENTS1"], "webhook": true}}]}""");

    Route prod = routing.route("payments-prod");
    assertEquals("prod", prod.name());
    assertEquals(Set.of(AlertKind.FAILED), prod.kinds());
    assertEquals(List.of(TOPIC, "arn:aws:sns:eu-west-1:123456789012:pager"), prod.snsTopics());
    assertEquals(List.of("#all"), prod.slackChannels());
    assertEquals(Optional.of("<!here>"), prod.mention());
    Route payments = routing.route("payments-staging");
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("C0PAYMENTS1"), Target.SLACK_WEBHOOK), payments.targets());
    assertEquals(Optional.empty(), payments.mention());
    assertEquals("defaults", routing.route("payment-prod2").name());
  }

  @Test
  void givenSlackFalse_thenNoSlack() {
    assertEquals(List.of(Target.sns(TOPIC)),
        parse("{\"defaults\": {\"slack\": {\"channels\": [\"#all\"]}}, \"routes\": [{\"name\": \"quiet\", "
            + "\"pipelines\": [\"*\"], \"slack\": false}]}").route("x").targets());
  }

  @Test
  void givenTeamsWebhooks_thenEachSecretIsATargetOfItsOwnAfterSlack_andRoutesInheritOrTurnThemOff() {
    AlertRouting routing = parse("""
        {"defaults": {"slack": {"channels": ["#deployments"]},
                      "teams": {"webhooks": ["baton/teams/deployments", "ssm:/baton/teams/ops"]}},
         "routes": [{"name": "payments", "pipelines": ["payments-*"],
                     "teams": {"webhooks": ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/teams/pay-Ab12Cd",
                                            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/teams/pay-Ab12Cd"]}},
                    {"name": "quiet", "pipelines": ["sandbox-*"], "teams": false}]}""");

    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments"), Target.teams("baton/teams/deployments"),
        Target.teams("ssm:/baton/teams/ops")), routing.route("search-deploy").targets());
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments"), Target.teams(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/teams/pay-Ab12Cd")),
        routing.route("payments-deploy").targets(), "listed twice, delivered once");
    assertEquals(List.of(Target.sns(TOPIC), Target.slack("#deployments")), routing.route("sandbox-1").targets());
    assertTrue(routing.usesTeams());
    assertEquals("teams:ssm:/baton/teams/ops", Target.teams("ssm:/baton/teams/ops").id());
    assertEquals(Target.teams("ssm:/baton/teams/ops"), Target.parse("teams:ssm:/baton/teams/ops"));
    assertFalse(Target.teams("baton/teams/x").threaded(), "a webhook cannot reply or edit");
    assertFalse(parse("{\"routes\": []}").usesTeams());
  }

  @Test
  void givenTeamsMistakes_thenEachFailsSayingWhatATeamsTargetIs_andAUrlIsNeverAccepted() {
    String url = error("{\"defaults\": {\"teams\": {\"webhooks\": [\"https://prod-12.westeurope.logic.azure.com:443/"
        + "workflows/abc/triggers/manual/paths/invoke?sig=SeCrEt\"]}}}");
    assertEquals("alert-routing.json: defaults, field \"teams.webhooks\": a webhook URL is a credential and does "
        + "not belong in this file: put it in a Secrets Manager secret named baton/teams/<name> (or an SSM "
        + "SecureString ssm:/baton/teams/<name>) and give that name here", url);
    assertFalse(url.contains("SeCrEt"));
    assertEquals("alert-routing.json: route \"p\" (routes[0]), field \"teams.webhooks\": \"baton/slack\" is not a "
        + "Teams webhook secret: give a Secrets Manager secret name (or ARN) under baton/teams/, or "
        + "ssm:/baton/teams/<name> for an SSM SecureString (the stack lets the alerts function read these only)",
        error("{\"routes\": [{\"name\": \"p\", \"pipelines\": [\"p\"], \"teams\": {\"webhooks\": "
            + "[\"baton/slack\"]}}]}"));
    assertTrue(error("{\"defaults\": {\"teams\": {\"webhooks\": [\"ssm:/other/teams\"]}}}")
        .contains("\"ssm:/other/teams\" is not a Teams webhook secret"));
    assertTrue(error("{\"defaults\": {\"teams\": {\"webhook\": \"baton/teams/x\"}}}")
        .contains("field \"teams\" has an unknown field \"webhook\"; allowed: [webhooks]"));
    assertTrue(error("{\"defaults\": {\"teams\": \"baton/teams/x\"}}").contains("field \"teams\": expected an "
        + "object"));
    assertTrue(error("{\"defaults\": {\"teams\": {\"webhooks\": \"baton/teams/x\"}}}")
        .contains("teams.webhooks"));
  }

  @Test
  void givenMistakes_thenEachFailsNamingTheRouteAndField() {
    assertEquals("alert-routing.json: the top level has an unknown field \"route\"; allowed: [$comment, defaults, "
        + "routes]", error("{\"route\": []}"));
    assertEquals("alert-routing.json: route \"p\" (routes[0]), field \"notify\": \"FAILD\" is not an alert Baton "
        + "sends; use any of [FAILED, APPROVAL_REJECTED, STOPPED, SUCCEEDED, RECOVERED, FREEZE]",
        error("{\"routes\": [{\"name\": \"p\", \"pipelines\": [\"p\"], \"notify\": [\"FAILD\"]}]}"));
    assertEquals("alert-routing.json: route \"p\" (routes[0]), field \"pipelines\": give at least one pipeline name "
        + "or pattern", error("{\"routes\": [{\"name\": \"p\", \"pipelines\": []}]}"));
    assertEquals("alert-routing.json: route \"p\" (routes[0]), field \"pipelines\": \"pay ments\" is not a pipeline "
        + "name pattern (letters, digits, . @ _ - and * for any characters; 1-100 characters)",
        error("{\"routes\": [{\"name\": \"p\", \"pipelines\": [\"pay ments\"]}]}"));
    assertEquals("alert-routing.json: route \"p\" (routes[1]): the name \"p\" is used twice",
        error("{\"routes\": [{\"name\": \"p\", \"pipelines\": [\"a\"]}, {\"name\": \"p\", \"pipelines\": [\"b\"]}]}"));
    assertTrue(error("{\"defaults\": {\"sns\": [\"my-topic\"]}}").contains("field \"sns\": \"my-topic\" is neither "
        + "\"default\""));
    assertTrue(error("{\"defaults\": {\"sns\": [\"arn:aws:sns:eu-west-1:123456789012:alerts.fifo\"]}}")
        .contains("is a FIFO topic"));
    assertEquals("alert-routing.json: defaults, field \"slack.channels\": \"#Deployments\" is not a Slack channel: "
        + "use #name (lower case) or the channel id (C0123ABCD)",
        error("{\"defaults\": {\"slack\": {\"channels\": [\"#Deployments\"]}}}"));
    assertTrue(error("{\"defaults\": {\"slack\": {\"channels\": [], \"mention\": \"@here\"}}}")
        .contains("field \"slack.mention\": write Slack mentions as <!here>"));
    assertTrue(error("{\"defaults\": {\"slack\": {\"channel\": \"#x\"}}}")
        .contains("field \"slack\" has an unknown field \"channel\""));
    assertTrue(error("{\"defaults\": {\"slack\": \"#x\"}}").contains("field \"slack\": expected an object"));
    assertTrue(error("{\"routes\": [{\"pipelines\": [\"a\"]}]}").contains("routes[0], field \"name\": missing"));
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenLoadingFailsNamingTheRouteAndField() {
    assertEquals("alert-routing.json: routes[0], field \"name\": expected a string, found a number",
        error("{\"routes\": [{\"name\": 7, \"pipelines\": [\"a\"]}]}"));
    assertEquals("alert-routing.json: route \"p\" (routes[0]), field \"pipelines\": expected an array, found a string",
        error("{\"routes\": [{\"name\": \"p\", \"pipelines\": \"payments-*\"}]}"));
    assertEquals("alert-routing.json: defaults, field \"notify\": expected an array, found a string",
        error("{\"defaults\": {\"notify\": \"FAILED\"}}"));
    assertEquals("alert-routing.json: defaults, field \"sns[1]\": expected a string, found a number",
        error("{\"defaults\": {\"sns\": [\"default\", 42]}}"));
    assertEquals("alert-routing.json: defaults, field \"slack.channels[0]\": expected a string, found an object",
        error("{\"defaults\": {\"slack\": {\"channels\": [{\"id\": \"C0X\"}]}}}"));
    assertEquals("alert-routing.json: defaults, field \"slack.mention\": expected a string, found a number",
        error("{\"defaults\": {\"slack\": {\"channels\": [], \"mention\": 5}}}"));
    assertEquals("alert-routing.json: defaults, field \"slack.webhook\": expected true or false, found a string",
        error("{\"defaults\": {\"slack\": {\"channels\": [], \"webhook\": \"true\"}}}"));
  }

  @Test
  void givenDefaultTopicWithoutTheStackTopic_thenItFailsNamingTheSetting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AlertRouting.parse("r.json", Json.parseObject("{}"), Optional.empty()));
    assertEquals("r.json: defaults, field \"sns\": \"default\" names the stack's alert topic, but "
        + "BATON_ALERT_TOPIC_ARN is not set", e.getMessage());
  }

  @Test
  void givenPatterns_thenStarMatchesAnyCharactersAndTheRestIsLiteral() {
    assertTrue(PipelinePattern.compile("payments-*").matches("payments-deploy"));
    assertTrue(PipelinePattern.compile("*-prod").matches("a.b-prod"));
    assertTrue(PipelinePattern.compile("*").matches("x"));
    assertTrue(PipelinePattern.compile("a*b*c").matches("a-b-c"));
    assertTrue(!PipelinePattern.compile("a.b").matches("aXb"));
    assertTrue(!PipelinePattern.compile("payments-*").matches("Payments-deploy"));
  }
}
