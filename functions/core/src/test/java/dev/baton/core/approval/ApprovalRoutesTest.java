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
}
