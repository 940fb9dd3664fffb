package dev.baton.teams.bot;

import dev.baton.core.json.Json;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The Bot Connector API calls the bot makes, with its {@link BotAccessTokens} token: send an activity to a
 * conversation (a proactive message to a channel) and replace one in place. The {@code serviceUrl} is the one Teams
 * gave for that conversation. A 401 drops the cached token and is tried once more with a fresh one.
 */
public final class BotConnector {
  private final TeamsHttp http;
  private final BotAccessTokens tokens;

  public BotConnector(TeamsHttp http, BotAccessTokens tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  /** POST /v3/conversations/{id}/activities; returns the new activity's id. */
  public String send(String serviceUrl, String conversationId, Map<String, Object> activity) {
    URI uri = URI.create(base(serviceUrl) + "v3/conversations/" + encode(conversationId) + "/activities");
    String body = Json.write(activity);
    TeamsHttp.Answer a = authorized(() -> http.post("Bot Connector send", uri, TeamsHttp.JSON, body,
        Optional.of(tokens.token())));
    return a.json("Bot Connector send").string("id");
  }

  /** PUT /v3/conversations/{id}/activities/{activityId}: the activity replaced in place. */
  public void update(String serviceUrl, String conversationId, String activityId, Map<String, Object> activity) {
    URI uri = URI.create(base(serviceUrl) + "v3/conversations/" + encode(conversationId) + "/activities/"
        + encode(activityId));
    String body = Json.write(activity);
    authorized(() -> http.put("Bot Connector update", uri, body, tokens.token()));
  }

  private TeamsHttp.Answer authorized(java.util.function.Supplier<TeamsHttp.Answer> call) {
    try {
      return call.get();
    } catch (TeamsApiException e) {
      if (e.httpStatus() != 401) {
        throw e;
      }
      tokens.invalidate();
      return call.get();
    }
  }

  private static String base(String serviceUrl) {
    URI u = URI.create(serviceUrl);
    if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("not a Bot Framework service URL: " + serviceUrl);
    }
    return serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/";
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
