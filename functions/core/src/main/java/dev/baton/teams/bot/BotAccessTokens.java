package dev.baton.teams.bot;

import dev.baton.core.json.JsonObject;
import dev.baton.core.log.Log;
import dev.baton.core.runtime.FormBody;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The bot's access token for its outgoing calls (the Bot Connector API): OAuth 2.0 client credentials at the
 * Microsoft identity platform's token endpoint of the bot's tenant, scope {@code https://api.botframework.com/.default}.
 * Kept until five minutes before it expires, then fetched again; forgotten at once when the connector refuses it.
 * The client secret is asked of {@code clientSecret} (a cached Secrets Manager read) only when a token is fetched.
 * Neither the secret nor the token is ever logged.
 */
public final class BotAccessTokens {
  /** The public cloud's login endpoint; sovereign clouds have their own. */
  public static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com/";
  public static final String SCOPE = "https://api.botframework.com/.default";
  private static final Duration EARLY = Duration.ofMinutes(5);

  private final TeamsHttp http;
  private final URI tokenUrl;
  private final String appId;
  private final Supplier<String> clientSecret;
  private final String scope;
  private final LongSupplier nanoClock;
  private String token;
  private long validUntil;

  public BotAccessTokens(TeamsHttp http, String loginUrl, String tenantId, String appId,
                         Supplier<String> clientSecret) {
    this(http, loginUrl, tenantId, appId, clientSecret, System::nanoTime);
  }

  BotAccessTokens(TeamsHttp http, String loginUrl, String tenantId, String appId, Supplier<String> clientSecret,
                  LongSupplier nanoClock) {
    this(http, tokenUrl(loginUrl, tenantId), appId, clientSecret, SCOPE, nanoClock);
  }

  private BotAccessTokens(TeamsHttp http, URI tokenUrl, String appId, Supplier<String> clientSecret, String scope,
                          LongSupplier nanoClock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.appId = Objects.requireNonNull(appId, "appId");
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.nanoClock = nanoClock;
  }

  /** Tokens of the same app for another resource ({@code scope}), such as Microsoft Graph. */
  public BotAccessTokens forScope(String otherScope) {
    return new BotAccessTokens(http, tokenUrl, appId, clientSecret, otherScope, nanoClock);
  }

  private static URI tokenUrl(String loginUrl, String tenantId) {
    if (!tenantId.matches("[A-Za-z0-9.-]{1,100}")) {
      throw new IllegalArgumentException("not an Entra tenant id or domain: " + tenantId);
    }
    return URI.create((loginUrl.endsWith("/") ? loginUrl : loginUrl + "/") + tenantId + "/oauth2/v2.0/token");
  }

  /** A token valid for at least five more minutes. */
  public synchronized String token() {
    if (token != null && nanoClock.getAsLong() - validUntil < 0) {
      return token;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", appId);
    form.put("client_secret", clientSecret.get());
    form.put("scope", scope);
    JsonObject answer = http.post("Bot Framework token", tokenUrl, TeamsHttp.FORM, FormBody.encode(form),
        Optional.empty())
        .json("Bot Framework token");
    Optional<String> access = answer.optString("access_token").filter(t -> !t.isBlank());
    long expiresIn = answer.optLong("expires_in").orElse(0L);
    if (access.isEmpty() || expiresIn <= 0) {
      throw new TeamsApiException("Bot Framework token", 200, "invalid_response", false, Optional.empty(),
          "no access_token with expires_in in the answer");
    }
    token = access.get();
    validUntil = nanoClock.getAsLong() + Duration.ofSeconds(expiresIn).minus(EARLY).toNanos();
    Log.info("bot access token fetched", "scope", scope, "expiresInSeconds", expiresIn);
    return token;
  }

  /** Forgets the token (the connector said 401: it was revoked, or the secret rotated). */
  public synchronized void invalidate() {
    token = null;
  }
}
