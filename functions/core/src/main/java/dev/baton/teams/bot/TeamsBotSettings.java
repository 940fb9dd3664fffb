package dev.baton.teams.bot;

import dev.baton.aws.secrets.SecretLoader;
import dev.baton.core.runtime.Env;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.util.Optional;

/**
 * How the functions reach the Teams bot, from their environment: {@code BATON_TEAMS_APP_ID} (the bot's Microsoft
 * App ID, public: it is in the app manifest; empty or unset turns Teams off), {@code BATON_TEAMS_TENANT_ID} (its
 * Entra tenant), {@code BATON_TEAMS_SECRET} (the Secrets Manager secret, or {@code ssm:/path} of an SSM SecureString,
 * holding {@code {"clientSecret": "..."}}, read only when a token is fetched), and for sovereign clouds
 * {@code BATON_TEAMS_LOGIN_URL}, {@code BATON_TEAMS_OPENID_URL} and {@code BATON_GRAPH_URL}.
 */
public record TeamsBotSettings(String appId, String tenantId, String secret, String loginUrl, URI openIdUrl,
                               String graphUrl) {
  public static Optional<TeamsBotSettings> fromEnvironment() {
    Optional<String> appId = Env.optional("BATON_TEAMS_APP_ID").filter(s -> !s.isBlank());
    return appId.map(id -> new TeamsBotSettings(id, Env.required("BATON_TEAMS_TENANT_ID"),
        Env.required("BATON_TEAMS_SECRET"),
        Env.optional("BATON_TEAMS_LOGIN_URL").orElse(BotAccessTokens.DEFAULT_LOGIN_URL),
        URI.create(Env.optional("BATON_TEAMS_OPENID_URL").orElse(BotSigningKeys.DEFAULT_METADATA_URL)),
        Env.optional("BATON_GRAPH_URL").orElse(GraphGroups.DEFAULT_GRAPH_URL)));
  }

  /** The bot's Bot Connector token source (client credentials with the secret's {@code clientSecret}). */
  public BotAccessTokens tokens(TeamsHttp http, SecretLoader secrets) {
    return new BotAccessTokens(http, loginUrl, tenantId, appId, secrets.fieldSupplier(secret, "clientSecret"));
  }
}
