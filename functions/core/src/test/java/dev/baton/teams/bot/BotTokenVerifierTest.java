package dev.baton.teams.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bot Framework token verification against a WireMock playing login.botframework.com: OpenID metadata and a JWK set
 * served from key pairs this test generates. A genuine token passes; each forgery is refused, naming the check, and
 * costs nothing but (at most, for an unknown key id) one fetch of the public keys.
 */
class BotTokenVerifierTest {
  private static final String APP_ID = "6f3c2a1e-8b4d-4c7e-9a25-1d0e3f4b5c6a";
  private static final String SERVICE_URL = "https://smba.trafficmanager.net/emea/";
  private static final Instant NOW = Instant.parse("2026-11-21T11:00:00Z");
  private static WireMockServer wiremock;
  private static RSAKey botFramework;
  private static RSAKey rotated;
  private static RSAKey attacker;

  @BeforeAll
  static void start() throws Exception {
    wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wiremock.start();
    botFramework = new RSAKeyGenerator(2048).keyID("bf-key-2026-11").generate();
    rotated = new RSAKeyGenerator(2048).keyID("bf-key-2026-12").generate();
    attacker = new RSAKeyGenerator(2048).keyID("bf-key-2026-11").generate();
  }

  @AfterAll
  static void stop() {
    wiremock.stop();
  }

  @BeforeEach
  void serveTheKeys() {
    wiremock.resetAll();
    serveKeys(botFramework);
  }

  private static void serveKeys(RSAKey... keys) {
    wiremock.stubFor(get(urlEqualTo("/v1/.well-known/openidconfiguration")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("""
            {"issuer": "https://api.botframework.com",
             "authorization_endpoint": "https://invalid.botframework.com",
             "jwks_uri": "%s/v1/.well-known/keys",
             "id_token_signing_alg_values_supported": ["RS256"],
             "token_endpoint_auth_methods_supported": ["private_key_jwt"]}""".formatted(url()))));
    List<RSAKey> published = java.util.Arrays.stream(keys).map(RSAKey::toPublicJWK).toList();
    wiremock.stubFor(get(urlEqualTo("/v1/.well-known/keys")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(new JWKSet(List.copyOf(published)).toString(true))));
  }

  private static String url() {
    return "http://127.0.0.1:" + wiremock.port();
  }

  private static BotSigningKeys keys() {
    return keys(Duration.ofMinutes(5), System::nanoTime);
  }

  private static BotSigningKeys keys(Duration minRefresh, java.util.function.LongSupplier nanoClock) {
    return new BotSigningKeys(TeamsHttp.builder().build(), URI.create(url() + "/v1/.well-known/openidconfiguration"),
        minRefresh, nanoClock);
  }

  private static BotTokenVerifier verifier(BotSigningKeys keys) {
    return new BotTokenVerifier(keys, APP_ID, BotTokenVerifier.DEFAULT_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The claims the Bot Framework Connector sends, changed by {@code change}. */
  private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer("https://api.botframework.com").audience(APP_ID)
        .notBeforeTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(3540)))
        .claim("serviceurl", SERVICE_URL);
    change.accept(b);
    return b.build();
  }

  private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return "Bearer " + jwt.serialize();
  }

  private static String refused(BotTokenVerifier v, Optional<String> header) {
    return assertThrows(UnauthorizedActivityException.class, () -> v.verify(header, SERVICE_URL)).getMessage();
  }

  @Test
  void givenATokenTheBotFrameworkSigned_thenItPasses_andTheKeysAreFetchedOnceAndKept() throws Exception {
    BotTokenVerifier v = verifier(keys());

    v.verify(Optional.of(signed(botFramework, claims(c -> {}))), SERVICE_URL);
    v.verify(Optional.of(signed(botFramework, claims(c -> c.audience(List.of("other", APP_ID))))),
        "https://smba.trafficmanager.net/emea");

    wiremock.verify(1, getRequestedFor(urlEqualTo("/v1/.well-known/openidconfiguration")));
    wiremock.verify(1, getRequestedFor(urlEqualTo("/v1/.well-known/keys")));
  }

  @Test
  void givenForgedTokens_thenEachIsRefusedNamingTheCheck_andOnlyThePublicKeysAreEverFetched() throws Exception {
    BotTokenVerifier v = verifier(keys(Duration.ZERO, System::nanoTime));
    JWTClaimsSet good = claims(c -> {});
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("bf-key-2026-11").build(), good);
    hmac.sign(new MACSigner(botFramework.toPublicJWK().toRSAPublicKey().getEncoded()));
    String none = new PlainJWT(good).serialize();
    String forgedNone = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"bf-key-2026-11\"}".getBytes(
        StandardCharsets.UTF_8)) + "." + good.toPayload().toBase64URL() + ".";
    String[] parts = signed(botFramework, good).substring(7).split("\\.");
    String tampered = "Bearer " + parts[0] + "." + claims(c -> c.audience("someone-else")).toPayload()
        .toBase64URL() + "." + parts[2];

    Map<String, Optional<String>> forgeries = new java.util.LinkedHashMap<>();
    forgeries.put("no Authorization header", Optional.empty());
    forgeries.put("the Authorization header is not a bearer token", Optional.of("Basic dXNlcjpwYXNz"));
    forgeries.put("the bearer token is not a signed JWT", Optional.of("Bearer " + none));
    forgeries.put("the bearer token is not a signed JWT ", Optional.of("Bearer " + forgedNone));
    forgeries.put("the token is signed with HS256, not RS256", Optional.of("Bearer " + hmac.serialize()));
    forgeries.put("the token's signature does not verify", Optional.of(signed(attacker, good)));
    forgeries.put("the token's signature does not verify ", Optional.of(tampered));
    forgeries.put("the token's key id is not one of the Bot Framework's keys",
        Optional.of(signed(new RSAKeyGenerator(2048).keyID("made-up").generate(), good)));
    forgeries.put("the token is not meant for this bot (audience)", Optional.of(signed(botFramework,
        claims(c -> c.audience("0a1b2c3d-another-bot")))));
    forgeries.put("the token's issuer is not https://api.botframework.com", Optional.of(signed(botFramework,
        claims(c -> c.issuer("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")))));
    forgeries.put("the token has expired", Optional.of(signed(botFramework, claims(c -> c.expirationTime(
        Date.from(NOW.minus(BotTokenVerifier.DEFAULT_SKEW).minusSeconds(1)))))));
    forgeries.put("the token has expired ", Optional.of(signed(botFramework, claims(c -> c.expirationTime(null)))));
    forgeries.put("the token is not valid yet", Optional.of(signed(botFramework, claims(c -> c.notBeforeTime(
        Date.from(NOW.plus(BotTokenVerifier.DEFAULT_SKEW).plusSeconds(1)))))));
    forgeries.put("the token's serviceUrl is not the activity's", Optional.of(signed(botFramework,
        claims(c -> c.claim("serviceurl", "https://attacker.example/")))));

    for (Map.Entry<String, Optional<String>> f : forgeries.entrySet()) {
      assertEquals(f.getKey().strip(), refused(v, f.getValue()), f.getKey());
    }
    wiremock.verify(2, getRequestedFor(urlEqualTo("/v1/.well-known/openidconfiguration")));
    wiremock.verify(2, getRequestedFor(urlEqualTo("/v1/.well-known/keys")));
    assertEquals(4, wiremock.findAll(anyRequestedFor(anyUrl())).size(), "the first fetch and one refresh for the "
        + "unknown key id; nothing else");
  }

  @Test
  void givenASkewWithinTheAllowance_thenTheTokenStillPasses() throws Exception {
    BotTokenVerifier v = verifier(keys());
    v.verify(Optional.of(signed(botFramework, claims(c -> c.expirationTime(Date.from(NOW.minusSeconds(60)))
        .notBeforeTime(Date.from(NOW.plusSeconds(60)))))), SERVICE_URL);
  }

  @Test
  void givenMicrosoftRotatedItsKeys_thenAnUnknownKeyIdFetchesTheSetAgain_butNotOnEveryForgedKeyId()
      throws Exception {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    BotTokenVerifier v = verifier(keys(Duration.ofMinutes(5), nanos::get));
    v.verify(Optional.of(signed(botFramework, claims(c -> {}))), SERVICE_URL);
    serveKeys(botFramework, rotated);
    nanos.addAndGet(Duration.ofMinutes(6).toNanos());

    v.verify(Optional.of(signed(rotated, claims(c -> {}))), SERVICE_URL);
    refused(v, Optional.of(signed(new RSAKeyGenerator(2048).keyID("made-up-1").generate(), claims(c -> {}))));
    refused(v, Optional.of(signed(new RSAKeyGenerator(2048).keyID("made-up-2").generate(), claims(c -> {}))));

    wiremock.verify(2, getRequestedFor(urlEqualTo("/v1/.well-known/keys")));
    assertEquals(4, wiremock.findAll(anyRequestedFor(anyUrl())).size(), "forged key ids within 5 minutes of a "
        + "fetch fetch nothing");
  }
}
