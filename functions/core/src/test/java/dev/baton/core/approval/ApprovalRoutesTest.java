package dev.baton.core.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.core.config.ConfigException;
import dev.baton.core.json.Json;
import dev.baton.local.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code config/approvals.json}: the shipped file, and fields of the wrong JSON type named like missing ones. */
class ApprovalRoutesTest {
  private static final String ROUTE = "\"name\": \"r\", \"channel\": \"C0PAYMENTS\", ";

  private static String error(String json) {
    return assertThrows(ConfigException.class, () -> ApprovalRoutes.parse("approvals.json", Json.parseObject(json)))
        .getMessage();
  }

  @Test
  void givenTheShippedRoutes_thenTheyAreValid() throws IOException {
    ApprovalRoutes routes = ApprovalRoutes.parse("config/approvals.json",
        Files.newInputStream(Repo.root().resolve("config/approvals.json")));

    assertEquals("payments-production", routes.route("payments-deploy", "Approve", "ProductionGate").orElseThrow()
        .name());
    assertEquals(List.of("arn:aws:sts::123456789012:assumed-role/Deployers/bob"), routes.identitiesOf("U0BOB"));
  }

  @Test
  void givenAFieldOfTheWrongJsonType_thenLoadingFailsNamingItsPath() {
    assertEquals("approvals.json: $.routes[0].channel: expected a string, found a number",
        error("{\"routes\": [{\"channel\": 42, \"approvers\": {\"users\": [\"U0ALICE\"]}}]}"));
    assertEquals("approvals.json: $.routes[0].pipeline: expected a string, found an array",
        error("{\"routes\": [{" + ROUTE + "\"pipeline\": [\"payments-*\"], \"approvers\": {\"users\": [\"U0ALICE\"]}}]}"));
    assertEquals("approvals.json: $.routes[0].approvers.users[1]: expected a string, found a number",
        error("{\"routes\": [{" + ROUTE + "\"approvers\": {\"users\": [\"U0ALICE\", 7]}}]}"));
    assertEquals("approvals.json: $.routes[0].starterMayApprove: expected true or false, found a string",
        error("{\"routes\": [{" + ROUTE + "\"approvers\": {\"users\": [\"U0ALICE\"]}, \"starterMayApprove\": \"no\"}]}"));
    assertEquals("approvals.json: $.people.U0BOB: expected an array, found a string",
        error("{\"routes\": [{" + ROUTE + "\"approvers\": {\"users\": [\"U0ALICE\"]}}], "
            + "\"people\": {\"U0BOB\": \"arn:aws:sts::123456789012:assumed-role/Deployers/bob\"}}"));
  }

  private static final String TEAMS_OK = "\"teams\": {\"conversation\": \"19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2\", "
      + "\"serviceUrl\": \"https://smba.trafficmanager.net/emea/\", \"approvers\": {\"users\": "
      + "[\"3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51\"], \"groups\": [\"5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a\"]}}";

  @Test
  void givenATeamsBlock_thenTheRouteHasItsChannelAndEntraApprovers() {
    ApprovalRoutes routes = ApprovalRoutes.parse("approvals.json", Json.parseObject("{\"routes\": [{" + ROUTE
        + "\"approvers\": {\"users\": [\"U0ALICE\"]}, " + TEAMS_OK + "}], \"people\": "
        + "{\"3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51\": [\"arn:aws:iam::123456789012:user/jane\"]}}"));

    TeamsRoute teams = routes.routes().get(0).teams().orElseThrow();
    assertEquals("19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2", teams.conversation());
    assertEquals("https://smba.trafficmanager.net/emea/", teams.serviceUrl());
    assertEquals(List.of("3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51"), teams.users());
    assertEquals(List.of("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"), teams.groups());
    assertEquals(List.of("arn:aws:iam::123456789012:user/jane"),
        routes.identitiesOf("3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51"));
  }

  @Test
  void givenABadTeamsBlock_thenLoadingFailsNamingTheField() {
    String base = "{\"routes\": [{" + ROUTE + "\"approvers\": {\"users\": [\"U0ALICE\"]}, ";
    assertEquals("approvals.json: routes[0].teams.conversation: \"general\" is not a Teams channel id "
        + "(19:...@thread.tacv2; in Teams: the channel's ..., Get link to channel)",
        error(base + TEAMS_OK.replace("19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2", "general") + "}]}"));
    assertEquals("approvals.json: routes[0].teams.serviceUrl: \"http://smba.trafficmanager.net/emea/\" is not an "
        + "https Bot Framework service URL (https://smba.trafficmanager.net/<region>/)",
        error(base + TEAMS_OK.replace("https://smba", "http://smba") + "}]}"));
    assertEquals("approvals.json: routes[0].teams.approvers: \"jane@example.com\" is not an Entra ID object id (a "
        + "GUID in lower case; Entra admin center, the user's or group's Object ID)",
        error(base + TEAMS_OK.replace("3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51", "jane@example.com") + "}]}"));
    assertEquals("approvals.json: routes[0].teams.approvers: name at least one user or group (nobody could approve)",
        error(base + "\"teams\": {\"conversation\": \"19:abc@thread.tacv2\", \"serviceUrl\": "
            + "\"https://smba.trafficmanager.net/emea/\", \"approvers\": {}}}]}"));
  }
}
