package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.baton.local.Invocation;
import dev.baton.local.LocalLambda;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged and broken Bot Framework tokens on a genuine-looking card click, against the teams-bot zip as packaged:
 * each is answered 401 having called nothing but the Bot Framework's public key endpoints. DynamoDB is pointed at
 * WireMock here too ({@code AWS_ENDPOINT_URL_DYNAMODB}), so that a single read or write would show in its journal,
 * beside any Secrets Manager, CodePipeline, Lambda, Slack, Bot Connector, token endpoint or Graph call.
 */
class TeamsBotForgeryE2ETest extends TeamsStackTest {
  static Stream<Arguments> forgeries() {
    Function<Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder>, Function<BotFramework, String>> signedWith =
        edit -> bf -> "Bearer " + BotFramework.token(BotFramework.SIGNING, BotFramework.SIGNING.getKeyID(),
            edit.apply(bf.claims()).build());
    Instant now = Instant.now();
    return Stream.of(
        Arguments.of("no token", (Function<BotFramework, String>) bf -> null),
        Arguments.of("not a bearer token", (Function<BotFramework, String>) bf -> "Basic Ym90OmJvdA=="),
        Arguments.of("wrong signature", (Function<BotFramework, String>) bf -> "Bearer " + BotFramework.token(
            BotFramework.OTHER, BotFramework.SIGNING.getKeyID(), bf.claims().build())),
        Arguments.of("another audience", signedWith.apply(c -> c.audience("00000000-aaaa-4bbb-8ccc-dddddddddddd"))),
        Arguments.of("another issuer", signedWith.apply(c -> c.issuer("https://sts.windows.net/" + BotFramework.TENANT
            + "/"))),
        Arguments.of("expired", signedWith.apply(c -> c.notBeforeTime(Date.from(now.minusSeconds(3600)))
            .expirationTime(Date.from(now.minusSeconds(600))))),
        Arguments.of("not yet valid", signedWith.apply(c -> c.notBeforeTime(Date.from(now.plusSeconds(600))))),
        Arguments.of("another service URL", signedWith.apply(c -> c.claim("serviceurl",
            "https://attacker.example/teams/"))),
        Arguments.of("unknown key id", (Function<BotFramework, String>) bf -> "Bearer " + BotFramework.token(
            BotFramework.OTHER, "not-a-bot-framework-key", bf.claims().build())),
        Arguments.of("alg none", (Function<BotFramework, String>) bf -> "Bearer "
            + new PlainJWT(bf.claims().build()).serialize()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void givenAForgedToken_thenA401AndNoCallButTheKeys(String forgery, Function<BotFramework, String> authorization) {
    LocalLambda bot = isolatedBot();
    String click = BotFramework.request(teams.activity("teams-invoke-approve.json", ID),
        authorization.apply(teams));

    Invocation r = bot.invoke(click);

    assertEquals(401, status(r), forgery + ": " + r);
    assertOnlyKeysFetched(forgery);
    assertTrue(bot.log().contains("bot request refused: unauthorized"), bot::log);
  }

  @Test
  void givenABodyThatIsNotJson_thenA401WithoutACall() {
    LocalLambda bot = isolatedBot();

    Invocation r = bot.invoke(BotFramework.request("payload=%7B%22type%22%3A%22invoke%22%7D", "Bearer "
        + teams.genuineToken()));

    assertEquals(401, status(r), r::toString);
    assertOnlyKeysFetched("not JSON");
  }

  @Test
  void givenAServiceUrlThatIsNotAString_thenA401WithoutACall() {
    LocalLambda bot = isolatedBot();
    String body = teams.activity("teams-invoke-approve.json", ID, a -> a.put("serviceUrl", List.of(teams.serviceUrl())));

    Invocation r = bot.invoke(BotFramework.request(body, "Bearer " + teams.genuineToken()));

    assertEquals(401, status(r), r::toString);
    assertOnlyKeysFetched("serviceUrl not a string");
  }

  @Test
  void givenTheKeysCannotBeFetched_thenA503ForTheBotFrameworkToRetryAndNoOtherCall() {
    stack.wiremock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/teams/openid")).atPriority(1)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)));
    LocalLambda bot = isolatedBot();

    Invocation r = bot.invoke(teams.signed(teams.activity("teams-invoke-approve.json", ID)));

    assertEquals(503, status(r), r::toString);
    assertOnlyKeysFetched("keys unavailable");
  }

  @Test
  void givenTheGenuineToken_thenTheSameClickIsDecided_soTheForgeriesFailForTheirOwnReason() {
    posted();

    Invocation r = bot().invoke(teams.signed(teams.activity("teams-invoke-approve.json", ID)));

    assertEquals(200, status(r), r::toString);
    assertEquals(1, cpCalls("PutApprovalResult"));
  }

  /** A bot whose DynamoDB is WireMock, which has no table: any DynamoDB call would show (and fail). */
  private LocalLambda isolatedBot() {
    Map<String, String> env = new LinkedHashMap<>(env());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", stack.wiremockUrl());
    return stack.function(BOT_FN, env);
  }

  private static void assertOnlyKeysFetched(String forgery) {
    List<LoggedRequest> all = stack.wiremock().findAll(anyRequestedFor(anyUrl()));
    List<String> calls = all.stream().map(q -> q.getMethod() + " " + q.getUrl()).toList();
    assertTrue(calls.stream().allMatch(c -> c.equals("GET /teams/openid") || c.equals("GET /teams/keys")),
        forgery + ": called " + calls);
    assertTrue(calls.stream().filter(c -> c.equals("GET /teams/keys")).count() <= 2, forgery + ": " + calls);
    assertEquals(0, stack.eventBridge().findAll(anyRequestedFor(anyUrl())).size(), forgery);
  }
}
