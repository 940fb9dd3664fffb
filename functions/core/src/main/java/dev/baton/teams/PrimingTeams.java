package dev.baton.teams;

import dev.baton.core.json.Json;
import dev.baton.core.runtime.InProcessHttp;
import dev.baton.core.runtime.InProcessHttp.Answer;
import dev.baton.teams.bot.BotTokenVerifier;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * Microsoft answered in the process, for priming: a {@link TeamsHttp.Connector} whose connections never connect
 * ({@link InProcessHttp}). Each request gets the answer its service gives, with the fields Baton reads:
 * <ul>
 *   <li>the Bot Framework's OpenID metadata (a GET of any URL but the key set's): a {@code jwks_uri} here;</li>
 *   <li>that key set (a GET of that {@code jwks_uri}): the keys {@link #publishKeys} gave (none until then);</li>
 *   <li>the Microsoft identity platform's token endpoint ({@code .../oauth2/v2.0/token}): an access token;</li>
 *   <li>Graph's {@code checkMemberGroups}: every group asked about (the priming user is in all of them);</li>
 *   <li>the Bot Connector's {@code POST /v3/conversations} (a thread started) and {@code PUT .../activities/{id}}
 *       (a card replaced): the ids Baton records;</li>
 *   <li>any other POST (a Workflows webhook): {@code 202 Accepted}, as a webhook answers.</li>
 * </ul>
 * Nothing leaves the process. Each request answered is recorded by what it called ({@link #operations}).
 */
public final class PrimingTeams implements TeamsHttp.Connector {
  /** The Bot Connector priming's activities and cards name where no route names one. */
  public static final String SERVICE_URL = "https://smba.priming.invalid/teams/";
  static final String KEYS_URL = "https://login.priming.invalid/keys";

  private final InProcessHttp http = new InProcessHttp(this::answer);

  /** What the key set answers: no key until the bot's priming publishes its own ({@link #publishKeys}). */
  private volatile String keySet = "{\"keys\":[]}";

  /** How many requests were answered. */
  public int answered() {
    return http.answered();
  }

  /**
   * What was called, oldest first: {@code botframework:openid-metadata}, {@code botframework:keys},
   * {@code entra:token}, {@code graph:checkMemberGroups}, {@code botconnector:createConversation},
   * {@code botconnector:updateActivity}, {@code teams:webhook}.
   */
  public List<String> operations() {
    return http.operations();
  }

  /**
   * Publishes {@code jwks} (a JWK set, public keys only) as the Bot Framework's key set, so activities signed with
   * its private half verify: the bot's priming makes the key (this class loads no JOSE code: only the bot ships it).
   */
  public void publishKeys(String jwks) {
    this.keySet = jwks;
  }

  @Override
  public HttpURLConnection open(URI uri) throws java.net.MalformedURLException {
    return http.open(uri);
  }

  /** The operation and answer for a request, by its method and path. */
  private Answer answer(String method, URL url, String sent) {
    String path = url.getPath();
    if (method.equals("GET")) {
      // The key set is wherever the metadata says (here); any other GET is the metadata, wherever the bot is told
      // to find it (BATON_TEAMS_OPENID_URL).
      return !url.toString().equals(KEYS_URL)
          ? new Answer("botframework:openid-metadata", 200, Json.write(Map.of("issuer", BotTokenVerifier.ISSUER,
              "jwks_uri", KEYS_URL, "id_token_signing_alg_values_supported", List.of("RS256"))))
          : new Answer("botframework:keys", 200, keySet);
    }
    if (method.equals("PUT") && path.contains("/v3/conversations/")) {
      return new Answer("botconnector:updateActivity", 200, "{\"id\":\"1\"}");
    }
    if (path.endsWith("/oauth2/v2.0/token")) {
      return new Answer("entra:token", 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,"
          + "\"access_token\":\"priming\"}");
    }
    if (path.endsWith("/checkMemberGroups")) {
      return new Answer("graph:checkMemberGroups", 200, Json.write(Map.of("value",
          Json.parseObject(sent).strings("groupIds"))));
    }
    if (path.endsWith("/v3/conversations")) {
      return new Answer("botconnector:createConversation", 201, "{\"id\":\"19:priming@thread.tacv2;messageid=1\","
          + "\"activityId\":\"1\"}");
    }
    return new Answer("teams:webhook", 202, "");
  }
}
