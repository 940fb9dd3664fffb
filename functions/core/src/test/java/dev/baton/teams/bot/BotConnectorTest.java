package dev.baton.teams.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.baton.teams.TeamsHttp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing bot calls against a WireMock playing the Microsoft identity platform's token endpoint and the Bot
 * Connector API: the exact client-credentials request, the token kept until five minutes before it expires, the
 * exact connector requests, and a 401 answered with one fresh token.
 */
class BotConnectorTest {
  private static final String APP_ID = "6f3c2a1e-8b4d-4c7e-9a25-1d0e3f4b5c6a";
  private static final String TENANT = "72c1f3a8-5b4e-4d2f-9a6c-8e1b0d7f3c29";
  private static final String SECRET = "Qx8~SeCrEt.Cl13nt_v4lue";
  private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
  private static final String CONVERSATION = "19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2";
  private static final String CONVERSATIONS = "/emea/v3/conversations";
  private static final String THREAD = CONVERSATION + ";messageid=1763722992345";
  private static final String CARD = CONVERSATIONS
      + "/19%3Ab5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b%40thread.tacv2%3Bmessageid%3D1763722992345/activities/1763722992345";
  private static WireMockServer wiremock;

  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger secretReads = new AtomicInteger();

  @BeforeAll
  static void start() {
    wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wiremock.start();
  }

  @AfterAll
  static void stop() {
    wiremock.stop();
  }

  @BeforeEach
  void reset() {
    wiremock.resetAll();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + wiremock.port() + path;
  }

  private BotAccessTokens tokens() {
    return new BotAccessTokens(TeamsHttp.builder().maxTotal(Duration.ofSeconds(3)).build(), url("/"), TENANT, APP_ID,
        () -> {
          secretReads.incrementAndGet();
          return SECRET;
        }, nanos::get);
  }

  private static void tokenAnswers(String... tokens) {
    String state = Scenario.STARTED;
    for (int i = 0; i < tokens.length; i++) {
      String next = "token-" + (i + 1);
      wiremock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(state)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
              "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"ext_expires_in\": 3599, \"access_token\": \""
                  + tokens[i] + "\"}")).willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void givenTokensAsked_thenOneClientCredentialsRequest_exactly_keptUntilFiveMinutesBeforeItExpires() {
    tokenAnswers("eyJ0eXAi.first", "eyJ0eXAi.second");
    BotAccessTokens tokens = tokens();

    assertEquals("eyJ0eXAi.first", tokens.token());
    nanos.addAndGet(Duration.ofSeconds(3599 - 301).toNanos());
    assertEquals("eyJ0eXAi.first", tokens.token(), "still more than five minutes left");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals("eyJ0eXAi.second", tokens.token(), "fetched again before it expires");

    wiremock.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    wiremock.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("grant_type=client_credentials&client_id=" + APP_ID
            + "&client_secret=Qx8%7ESeCrEt.Cl13nt_v4lue&scope=https%3A%2F%2Fapi.botframework.com%2F.default")));
    assertEquals(2, secretReads.get(), "the secret is asked for only to fetch a token");
  }

  @Test
  void givenACardToPostAndUpdate_thenANewThreadInTheChannel_itsActivityUpdated_andA401IsRetriedOnceWithAFreshToken() {
    tokenAnswers("eyJ0eXAi.first", "eyJ0eXAi.second");
    wiremock.stubFor(post(urlEqualTo(CONVERSATIONS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + THREAD + "\", \"activityId\": "
            + "\"1763722992345\", \"serviceUrl\": \"https://smba.trafficmanager.net/emea/\"}")));
    wiremock.stubFor(put(urlEqualTo(CARD)).inScenario("update")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(401)
            .withBody("{\"error\": {\"code\": \"Unauthorized\", \"message\": \"Authorization has been denied\"}}"))
        .willSetStateTo("fresh"));
    wiremock.stubFor(put(urlEqualTo(CARD)).inScenario("update").whenScenarioStateIs("fresh")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"id\": \"1763722992345\"}")));
    BotConnector connector = new BotConnector(TeamsHttp.builder().maxTotal(Duration.ofSeconds(3)).build(), tokens());
    Map<String, Object> activity = Map.of("type", "message", "text", "hello");

    BotConnector.Thread thread = connector.startThread(url("/emea/"), CONVERSATION, activity);
    connector.update(url("/emea"), thread.conversationId(), thread.activityId(),
        Map.of("type", "message", "text", "updated"));

    assertEquals(new BotConnector.Thread(THREAD, "1763722992345"), thread);
    wiremock.verify(1, postRequestedFor(urlEqualTo(CONVERSATIONS))
        .withHeader("Authorization", equalTo("Bearer eyJ0eXAi.first"))
        .withRequestBody(equalToJson("{\"isGroup\": true, \"channelData\": {\"channel\": {\"id\": \"" + CONVERSATION
            + "\"}}, \"activity\": {\"type\": \"message\", \"text\": \"hello\"}}")));
    wiremock.verify(1, putRequestedFor(urlEqualTo(CARD))
        .withHeader("Authorization", equalTo("Bearer eyJ0eXAi.first")));
    wiremock.verify(1, putRequestedFor(urlEqualTo(CARD))
        .withHeader("Authorization", equalTo("Bearer eyJ0eXAi.second"))
        .withRequestBody(equalToJson("{\"type\": \"message\", \"text\": \"updated\"}")));
    wiremock.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }
}
