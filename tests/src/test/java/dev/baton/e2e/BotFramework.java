package dev.baton.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.core.json.Json;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * WireMock playing the Bot Framework and Microsoft Entra ID for the Teams bot's end-to-end tests: the OpenID metadata
 * and key set of login.botframework.com (served from a key pair generated here), the tenant's token endpoint, the
 * Bot Connector of the team's region and Microsoft Graph's {@code checkMemberGroups}; tokens signed as the Bot
 * Framework signs them, and Function URL requests carrying them.
 */
final class BotFramework {
  static final String APP_ID = "6f3c2a1e-8b4d-4c7e-9a25-1d0e3f4b5c6a";
  static final String TENANT = "72c1f3a8-5b4e-4d2f-9a6c-8e1b0d7f3c29";
  static final String CLIENT_SECRET = "Qk~8Q~EXAMPLEclientSecretNeverLogged.abc123";
  static final String BOT_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bot-connector-token.EXAMPLE";
  static final String GRAPH_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-token.EXAMPLE";
  static final String CHANNEL = "19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2";
  static final String ACTIVITY_ID = "1763722992345";
  /** The thread the card starts in the channel: the conversation the connector answers, and updates address. */
  static final String THREAD = CHANNEL + ";messageid=" + ACTIVITY_ID;
  /** Jane Doe, the sample clicker: an approver of the payments route by her object id. */
  static final String JANE = "3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51";
  /** Carol: an approver through the release managers' group only. */
  static final String CAROL = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
  /** Bob: an approver by object id, who started the execution (the route's four-eyes rule). */
  static final String BOB = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
  static final String RELEASE_MANAGERS = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
  static final RSAKey SIGNING = key("bf-key-2026");
  static final RSAKey OTHER = key("attacker");

  private final WireMockServer wiremock;

  BotFramework(WireMockServer wiremock) {
    this.wiremock = wiremock;
  }

  String base() {
    return "http://127.0.0.1:" + wiremock.port();
  }

  /** The Bot Connector of the sample team's region: the activities' and routes' {@code serviceUrl}. */
  String serviceUrl() {
    return base() + "/teams/connector/";
  }

  /** The environment that sets up the bot in a function (the template's parameters, Microsoft's URLs here). */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BATON_TEAMS_APP_ID", APP_ID);
    env.put("BATON_TEAMS_TENANT_ID", TENANT);
    env.put("BATON_TEAMS_SECRET", "baton/teams-bot");
    env.put("BATON_TEAMS_LOGIN_URL", base() + "/teams/login/");
    env.put("BATON_TEAMS_OPENID_URL", base() + "/teams/openid");
    env.put("BATON_GRAPH_URL", base() + "/teams/graph/");
    return env;
  }

  /** Microsoft's usual answers: keys, tokens, the connector posting and updating, Graph saying "not a member". */
  void stubAll() {
    wiremock.stubFor(get(urlEqualTo("/teams/openid")).willReturn(json(Json.write(Map.of(
        "issuer", "https://api.botframework.com", "authorization_endpoint", "https://invalid.botframework.com",
        "jwks_uri", base() + "/teams/keys", "id_token_signing_alg_values_supported", List.of("RS256"),
        "token_endpoint_auth_methods_supported", List.of("private_key_jwt"))))));
    wiremock.stubFor(get(urlEqualTo("/teams/keys")).willReturn(json(new JWKSet(SIGNING.toPublicJWK())
        .toString(true))));
    tokenEndpoint("https://api.botframework.com/.default", BOT_TOKEN);
    tokenEndpoint("https://graph.microsoft.com/.default", GRAPH_TOKEN);
    wiremock.stubFor(post(urlEqualTo(conversationsPath())).willReturn(json("{\"id\":\"" + THREAD
        + "\",\"activityId\":\"" + ACTIVITY_ID + "\"}")));
    wiremock.stubFor(put(urlEqualTo(cardPath())).willReturn(
        json("{\"id\":\"" + ACTIVITY_ID + "\"}")));
    wiremock.stubFor(post(urlPathMatching("/teams/graph/v1.0/users/.*/checkMemberGroups"))
        .willReturn(json("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)\","
            + "\"value\":[]}")));
    wiremock.stubFor(post(urlEqualTo("/teams/graph/v1.0/users/" + CAROL + "/checkMemberGroups"))
        .willReturn(json("{\"value\":[\"" + RELEASE_MANAGERS + "\"]}")));
    wiremock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .withRequestBody(equalToJson("{\"SecretId\":\"baton/teams-bot\"}"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(Json.write(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:baton/teams-bot-Xy9Zq1",
                "Name", "baton/teams-bot", "SecretString", Json.write(Map.of("clientSecret", CLIENT_SECRET)))))));
  }

  /** Where a card is posted: a new conversation (a thread) in the channel. */
  static String conversationsPath() {
    return "/teams/connector/v3/conversations";
  }

  /** Where the posted card is updated: its activity in the thread it started. */
  static String cardPath() {
    return conversationsPath() + "/" + java.net.URLEncoder.encode(THREAD, java.nio.charset.StandardCharsets.UTF_8)
        + "/activities/" + ACTIVITY_ID;
  }

  static String tokenPath() {
    return "/teams/login/" + TENANT + "/oauth2/v2.0/token";
  }

  private void tokenEndpoint(String scope, String token) {
    wiremock.stubFor(post(urlEqualTo(tokenPath())).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
            .containing("scope=" + java.net.URLEncoder.encode(scope, java.nio.charset.StandardCharsets.UTF_8)))
        .willReturn(json("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
            + "\"access_token\":\"" + token + "\"}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  /** The claims of a genuine token for an activity from {@link #serviceUrl()}, valid from a minute ago for an hour. */
  JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer("https://api.botframework.com").audience(APP_ID)
        .notBeforeTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("serviceurl", serviceUrl());
  }

  /** A token signed with {@code key} under key id {@code kid}. */
  static String token(RSAKey key, String kid, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT)
          .build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  String genuineToken() {
    return token(SIGNING, SIGNING.getKeyID(), claims().build());
  }

  /** {@code sample} of events/ (an activity) as Teams sends it for approval {@code approvalId}, by {@code user}. */
  @SuppressWarnings("unchecked")
  String activity(String sample, String approvalId, Consumer<Map<String, Object>> edit) {
    Map<String, Object> a = new LinkedHashMap<>(Json.parseObject(Events.load(sample)).asMap());
    a.put("serviceUrl", serviceUrl());
    Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) a.get("value"));
    Map<String, Object> action = new LinkedHashMap<>((Map<String, Object>) value.get("action"));
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) action.get("data"));
    data.put("approvalId", approvalId);
    action.put("data", data);
    value.put("action", action);
    a.put("value", value);
    edit.accept(a);
    return Json.write(a);
  }

  /** The activity from Jane. */
  String activity(String sample, String approvalId) {
    return activity(sample, approvalId, a -> { });
  }

  /** The same activity from another user. */
  String activityBy(String sample, String approvalId, String objectId, String name) {
    return activity(sample, approvalId, a -> a.put("from", Map.of("id", "29:1" + objectId.replace("-", ""),
        "name", name, "aadObjectId", objectId)));
  }

  /** A Function URL request (events/function-url-teams-invoke.json) with this body and Authorization (or none). */
  @SuppressWarnings("unchecked")
  static String request(String body, String authorization) {
    Map<String, Object> event = new LinkedHashMap<>(Json.parseObject(Events.load("function-url-teams-invoke.json"))
        .asMap());
    Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) event.get("headers"));
    headers.remove("authorization");
    if (authorization != null) {
      headers.put("authorization", authorization);
    }
    headers.put("content-length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    event.put("headers", headers);
    event.put("body", body);
    return Json.write(event);
  }

  String signed(String body) {
    return request(body, "Bearer " + genuineToken());
  }

  private static RSAKey key(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
