import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import dev.baton.local.LocalStack;
import dev.baton.local.Repo;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Teams bot's side of the benches: WireMock playing the Bot Framework (its OpenID metadata and a key set served
 * from a key pair made here), Entra ID's token endpoint, the Bot Connector (the card replaced) and the bot's client
 * secret; a route whose Teams approver is the sample clicker (events/teams-invoke-approve.json: Jane Doe); pending
 * approvals with their Slack message and Teams card, as approval-request leaves them; and card clicks as Teams sends
 * them, each with a token signed as the Bot Framework signs it (RS256, JDK crypto only: the bench classpath has no
 * JOSE library).
 */
final class TeamsBotBench {
  static final String APP_ID = "6f3c2a1e-8b4d-4c7e-9a25-1d0e3f4b5c6a";
  static final String TENANT = "72c1f3a8-5b4e-4d2f-9a6c-8e1b0d7f3c29";
  static final String JANE = "3f2b9c4e-7a1d-4e8b-b6c5-0d9e8f7a6b51";
  private static final String KID = "bench-key";
  private static final String THREAD = "19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2;messageid=1763722992345";
  private static final KeyPair KEYS = keys();

  private TeamsBotBench() {}

  /** The function's environment: the bot set up against WireMock, the route file naming Jane as a Teams approver. */
  static Map<String, String> env(LocalStack stack, String table) throws Exception {
    Path routes = Files.createTempFile("approvals-teams-bench", ".json");
    Files.writeString(routes, """
        {"routes": [{"name": "payments-production", "pipeline": "payments-deploy", "stage": "Approve",
          "channel": "C0PAYMENTS", "approvers": {"users": ["U0ALICE"]},
          "teams": {"conversation": "19:b5e1d2c3a4f64e7d8c9b0a1e2f3d4c5b@thread.tacv2", "serviceUrl": "%s",
                    "approvers": {"users": ["%s"]}}}]}""".formatted(serviceUrl(stack), JANE));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BATON_TABLE", table);
    env.put("BATON_SLACK_SECRET", "baton/slack");
    env.put("BATON_APPROVALS_CONFIG", routes.toString());
    env.put("BATON_TEAMS_APP_ID", APP_ID);
    env.put("BATON_TEAMS_TENANT_ID", TENANT);
    env.put("BATON_TEAMS_SECRET", "baton/teams-bot");
    env.put("BATON_TEAMS_LOGIN_URL", base(stack) + "/teams/login/");
    env.put("BATON_TEAMS_OPENID_URL", base(stack) + "/teams/openid");
    env.put("BATON_GRAPH_URL", base(stack) + "/teams/graph/");
    return env;
  }

  /** Microsoft's answers (the callback bench's stubs answer CodePipeline, Slack and the Slack secret). */
  static void stubs(LocalStack stack) {
    var w = stack.wiremock();
    RSAPublicKey pub = (RSAPublicKey) KEYS.getPublic();
    w.stubFor(get(urlEqualTo("/teams/openid")).willReturn(json("{\"issuer\":\"https://api.botframework.com\","
        + "\"jwks_uri\":\"" + base(stack) + "/teams/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
    w.stubFor(get(urlEqualTo("/teams/keys")).willReturn(json("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
        + KID + "\",\"n\":\"" + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent()))
        + "\"}]}")));
    w.stubFor(post(urlEqualTo("/teams/login/" + TENANT + "/oauth2/v2.0/token")).willReturn(json(
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"bench-connector-token\"}")));
    w.stubFor(put(urlPathMatching("/teams/connector/v3/conversations/.*/activities/.*")).willReturn(json(
        "{\"id\":\"1763722992345\"}")));
    w.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .withRequestBody(containing("baton/teams-bot")).atPriority(1).willReturn(aResponse()
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"Name\":\"baton/teams-bot\",\"SecretString\":\"{\\\"clientSecret\\\":\\\"bench\\\"}\"}")));
  }

  /** A pending approval of the route's action, with its Slack message and its Teams card. */
  static String pending(LocalStack stack, String table, int n) {
    String id = ApprovalCallbackBench.pending(stack, table, n);
    stack.dynamo().updateItem(b -> b.tableName(table).key(Map.of(
            "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("APPROVAL#" + id),
            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("APPROVAL")))
        .updateExpression("SET teamsServiceUrl = :u, teamsConversation = :c, teamsActivityId = :a")
        .expressionAttributeValues(Map.of(
            ":u", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(serviceUrl(stack)),
            ":c", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(THREAD),
            ":a", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("1763722992345"))));
    return id;
  }

  /** Jane's Approve click on approval {@code id}'s card, with a genuine token, as the Function URL hands it over. */
  static String click(LocalStack stack, String id) throws Exception {
    String activity = Files.readString(Repo.root().resolve("events/teams-invoke-approve.json"))
        .replace("apv-6b0f2d1c9e8a7b6c5d4e3f2a1b0c9d8e", id)
        .replace("https://smba.trafficmanager.net/emea/", serviceUrl(stack));
    String envelope = Files.readString(Repo.root().resolve("events/function-url-teams-invoke.json"))
        .replaceFirst("\"authorization\": \"Bearer [^\"]+\"", "\"authorization\": \"Bearer " + token(stack) + "\"")
        .replaceFirst("\"content-length\": \"\\d+\"", "\"content-length\": \""
            + activity.getBytes(StandardCharsets.UTF_8).length + "\"");
    // The sample's body (a JSON string) replaced by this activity: from its opening quote to the first unescaped one.
    int from = envelope.indexOf("\"body\": \"") + "\"body\": ".length();
    int to = from + 1;
    while (envelope.charAt(to) != '"') {
      to += envelope.charAt(to) == '\\' ? 2 : 1;
    }
    return envelope.substring(0, from) + quoted(activity) + envelope.substring(to + 1);
  }

  /** A token as the Bot Framework issues one for an activity from the bench's Bot Connector, valid for an hour. */
  private static String token(LocalStack stack) throws Exception {
    long now = Instant.now().getEpochSecond();
    String header = b64(("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}")
        .getBytes(StandardCharsets.UTF_8));
    String claims = b64(("{\"iss\":\"https://api.botframework.com\",\"aud\":\"" + APP_ID + "\",\"nbf\":" + (now - 60)
        + ",\"exp\":" + (now + 3600) + ",\"serviceurl\":\"" + serviceUrl(stack) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(KEYS.getPrivate());
    rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64(rs256.sign());
  }

  private static String serviceUrl(LocalStack stack) {
    return base(stack) + "/teams/connector/";
  }

  private static String base(LocalStack stack) {
    return "http://127.0.0.1:" + stack.wiremock().port();
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }
}
