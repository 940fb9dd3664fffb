package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.json.Json;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The approvals stack with the Teams bot set up: approval-request, approval-callback and teams-bot as packaged, with
 * routes whose payments route also posts to a Teams channel ({@link BotFramework} plays Microsoft), each test with
 * its own table.
 */
abstract class TeamsStackTest extends ApprovalStackTest {
  static final String BOT_FN = "TeamsBotFunction";
  BotFramework teams;
  private Path routes;
  private LocalLambda bot;

  @BeforeEach
  void teamsStubsAndRoutes() throws IOException {
    teams = new BotFramework(stack.wiremock());
    teams.stubAll();
    routes = Files.createTempFile("approvals-teams", ".json");
    Files.writeString(routes, Json.write(Map.of(
        "routes", List.of(Map.of("name", "payments-production", "pipeline", "payments-deploy", "stage", "Approve",
            "channel", "C0PAYMENTS", "approvers", Map.of("users", List.of("U0ALICE", "U0BOB"),
                "groups", List.of("S0RELEASEMGRS")), "starterMayApprove", false,
            "teams", Map.of("conversation", BotFramework.CHANNEL, "serviceUrl", teams.serviceUrl(),
                "approvers", Map.of("users", List.of(BotFramework.JANE, BotFramework.BOB),
                    "groups", List.of(BotFramework.RELEASE_MANAGERS))))),
        "people", Map.of("U0BOB", List.of(BOB), BotFramework.BOB, List.of(BOB)),
        // Slack break-glass people, as the shipped file has: a card's Approve during a freeze must not ask Slack
        "breakGlass", Map.of("groups", List.of("S0INCIDENTCMD")))));
    routes.toFile().deleteOnExit();
  }

  /** The function's environment here: this test's table and routes, the bot set up. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>(teams.environment());
    env.put("BATON_TABLE", table);
    env.put("BATON_APPROVALS_CONFIG", routes.toString());
    return env;
  }

  @Override
  LocalLambda requests() {
    return cached(REQUEST_FN);
  }

  @Override
  LocalLambda callback() {
    return cached(CALLBACK_FN);
  }

  LocalLambda bot() {
    if (bot == null) {
      bot = stack.function(BOT_FN, env());
    }
    return bot;
  }

  /** Another execution environment of the bot (a process of its own). */
  LocalLambda anotherBot() {
    return stack.function(BOT_FN, env());
  }

  private final Map<String, LocalLambda> functions = new LinkedHashMap<>();

  private LocalLambda cached(String id) {
    return functions.computeIfAbsent(id, f -> stack.function(f, env()));
  }

  /** The Function URL's answer body as JSON (the invoke response), asserting HTTP 200. */
  static Map<String, Object> answer(Invocation i) {
    assertTrue(status(i) == 200, i::toString);
    return Json.parseObject(Json.parseObject(i.bodyText()).string("body")).asMap();
  }

  static List<LoggedRequest> cardsPosted() {
    return stack.wiremock().findAll(postRequestedFor(urlEqualTo(BotFramework.conversationsPath())));
  }

  static List<LoggedRequest> cardUpdates() {
    return stack.wiremock().findAll(putRequestedFor(urlEqualTo(BotFramework.cardPath())));
  }

}
