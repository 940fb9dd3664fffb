package dev.baton.teams.bot;

import dev.baton.core.json.Json;
import dev.baton.core.json.JsonObject;
import dev.baton.teams.TeamsApiException;
import dev.baton.teams.TeamsHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Bot Connector API calls the bot makes, with its {@link BotAccessTokens} token: start a thread in a Teams
 * channel with an activity (a proactive message to a channel) and replace that activity in place. The
 * {@code serviceUrl} is the one Teams gave for the channel's tenant. A 401 drops the cached token and is tried once
 * more with a fresh one.
 */
public final class BotConnector {
  private final TeamsHttp http;
  private final BotAccessTokens tokens;

  public BotConnector(TeamsHttp http, BotAccessTokens tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  /** A thread started in a channel: its conversation id (the channel's, with {@code ;messageid=}) and its activity. */
  public record Thread(String conversationId, String activityId) {}

  /**
   * {@code POST /v3/conversations}: a new thread in the Teams channel {@code channelId}, opened by {@code activity}.
   * The conversation parameters are the ones the Bot Framework SDKs' Teams helpers send for a channel post
   * ({@code isGroup}, the channel in {@code channelData}); the answer's conversation id is the thread's, which later
   * updates of the activity address.
   */
  public Thread startThread(String serviceUrl, String channelId, Map<String, Object> activity) {
    URI uri = URI.create(base(serviceUrl) + "v3/conversations");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("isGroup", true);
    parameters.put("channelData", Map.of("channel", Map.of("id", channelId)));
    parameters.put("activity", activity);
    String body = Json.write(parameters);
    TeamsHttp.Answer a = authorized(() -> http.post("Bot Connector create conversation", uri, TeamsHttp.JSON, body,
        Optional.of(tokens.token())));
    JsonObject answer = a.json("Bot Connector create conversation");
    return new Thread(answer.string("id"), answer.string("activityId"));
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
