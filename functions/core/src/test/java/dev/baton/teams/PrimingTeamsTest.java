package dev.baton.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.baton.teams.bot.BotAccessTokens;
import dev.baton.teams.bot.BotConnector;
import dev.baton.teams.bot.BotSigningKeys;
import dev.baton.teams.bot.GraphGroups;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Microsoft stand-in priming uses answers each call Baton's Teams adapters make as the service does, through
 * the real adapters over {@link TeamsHttp}, and records what was called; nothing connects anywhere.
 */
class PrimingTeamsTest {
  private static final String USER = "8d3e0a52-1f4b-4c6e-9a7d-2b5c8e1f0a93";
  private static final String GROUP = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

  @Test
  void givenEachCallTheAdaptersMake_thenEachIsAnsweredAsItsServiceAnswers_andRecorded() throws Exception {
    PrimingTeams teams = new PrimingTeams();
    TeamsHttp http = TeamsHttp.builder().connector(teams).build();
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    teams.publishKeys(new JWKSet(key.toPublicJWK()).toString());
    BotAccessTokens tokens = new BotAccessTokens(http, BotAccessTokens.DEFAULT_LOGIN_URL, "contoso.onmicrosoft.com",
        "6f3c1a2b-0000-4000-8000-00000000b0b0", () -> "client-secret");
    BotConnector connector = new BotConnector(http, tokens);

    Optional<RSAKey> found = new BotSigningKeys(http, URI.create(BotSigningKeys.DEFAULT_METADATA_URL),
        Duration.ofMinutes(5)).key("k1");
    BotConnector.Thread thread = connector.startThread("https://smba.trafficmanager.net/emea/",
        "19:4a1f@thread.tacv2", Map.of("type", "message"));
    connector.update("https://smba.trafficmanager.net/emea/", thread.conversationId(), thread.activityId(),
        Map.of("type", "message"));
    boolean member = new GraphGroups(http, tokens.forScope(GraphGroups.SCOPE), GraphGroups.DEFAULT_GRAPH_URL)
        .isMember(USER, GROUP);
    TeamsHttp.Answer webhook = http.post("Teams webhook", URI.create(
        "https://prod-00.westeurope.logic.azure.com/workflows/0/triggers/manual/paths/invoke"), TeamsHttp.JSON, "{}",
        Optional.empty());

    assertEquals(Optional.of(key.toPublicJWK()), found, "the published key, found by its id");
    assertEquals(new BotConnector.Thread("19:priming@thread.tacv2;messageid=1", "1"), thread);
    assertTrue(member, "the priming user is in every group asked about");
    assertEquals(202, webhook.status());
    assertEquals(List.of("botframework:openid-metadata", "botframework:keys", "entra:token",
        "botconnector:createConversation", "botconnector:updateActivity", "entra:token", "graph:checkMemberGroups",
        "teams:webhook"), teams.operations(), "the Bot Connector's token cached, Graph's fetched for its own scope");
    assertEquals(8, teams.answered());
  }

  @Test
  void givenNoKeyPublished_thenTheKeySetHoldsNone() {
    PrimingTeams teams = new PrimingTeams();

    assertEquals(Optional.empty(), new BotSigningKeys(TeamsHttp.builder().connector(teams).build(),
        URI.create(BotSigningKeys.DEFAULT_METADATA_URL), Duration.ofMinutes(5)).key("k1"));
  }
}
